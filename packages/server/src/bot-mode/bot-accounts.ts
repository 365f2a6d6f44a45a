import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The local bots' accounts, kept in the data directory so a restart plays the same bots. */
export interface BotAccounts {
  users: string[];
  moderator: string | null;
}

export const botAccountsFile = (dataDir: string) => join(dataDir, "bots.json");

export function readBotAccounts(dataDir: string): BotAccounts {
  const file = botAccountsFile(dataDir);
  if (!existsSync(file)) return { users: [], moderator: null };
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<BotAccounts>;
  return { users: parsed.users ?? [], moderator: parsed.moderator ?? null };
}

/** Written to a temporary file and renamed, so a crash never leaves half a list. */
export function writeBotAccounts(dataDir: string, accounts: BotAccounts): void {
  const file = botAccountsFile(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
