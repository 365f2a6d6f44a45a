import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { writeFileAtomic } from "../files/write-file-atomic.js";
import type { Logger } from "../logger.js";
import type { MailTransport, OutgoingMail } from "./outgoing-mail.js";

/**
 * Writes each mail as an RFC 5322 .eml file into `dir` (created if missing), named
 * `<UTC timestamp>-<random>.eml`, and logs it with its text, so a developer without an SMTP server
 * can read a sign-in code in the log or open the file in a mail client.
 */
export class FolderTransport implements MailTransport {
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
  });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly log: Logger,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    const { message } = await this.composer.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    if (!Buffer.isBuffer(message)) throw new TypeError("nodemailer returned a stream despite buffer: true");
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, fileName(new Date()));
    // A reader never sees a half-written mail, and a crash loses none.
    await writeFileAtomic(file, message, { syncDirectory: true });
    this.log.info({ to: mail.to, subject: mail.subject, file, text: mail.text }, "mail written to folder");
  }

  close(): void {
    this.composer.close();
  }
}

function fileName(now: Date): string {
  const timestamp = now.toISOString().replace(/[-:]/g, "");
  return `${timestamp}-${randomBytes(4).toString("hex")}.eml`;
}
