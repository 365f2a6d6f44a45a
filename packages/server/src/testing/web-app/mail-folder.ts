import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";

/**
 * The six-digit code of the newest mail to `to` (whose subject matches `subject`) in the server's mail
 * folder (no SMTP configured: each mail is an .eml file there), waiting for it to be written.
 */
export async function codeFromMailFolder(
  folder: string,
  to: string,
  timeoutMs = 15_000,
  subject = /./,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (existsSync(folder) ? readdirSync(folder, { withFileTypes: true }) : [])
      .filter((entry) => entry.isFile() && entry.name.endsWith(".eml"))
      .map((entry) => entry.name)
      .sort()
      .reverse();
    for (const name of files) {
      const mail = await simpleParser(readFileSync(join(folder, name)));
      const recipients = [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address));
      const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1];
      if (recipients.includes(to) && subject.test(mail.subject ?? "") && code) return code;
    }
    if (Date.now() > deadline) throw new Error(`no mail with a code to ${to} in ${folder}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
