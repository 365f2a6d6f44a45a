import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";

export interface FolderMail {
  subject: string;
  text: string;
}

/** Every mail to `to` in the server's mail folder (no SMTP configured: one .eml file per mail). */
export async function mailsTo(server: { dataDir: string }, to: string): Promise<FolderMail[]> {
  const folder = join(server.dataDir, "data", "mail");
  const mails: FolderMail[] = [];
  if (!existsSync(folder)) return mails;
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith(".eml"))
    .sort()) {
    const mail = await simpleParser(readFileSync(join(folder, name)));
    const recipients = [mail.to ?? []].flat().flatMap((address) => address.value.map((v) => v.address));
    if (recipients.includes(to)) mails.push({ subject: mail.subject ?? "", text: mail.text ?? "" });
  }
  return mails;
}
