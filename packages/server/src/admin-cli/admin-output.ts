import type {
  AdminAccountView,
  AdminCommandName,
  FlagValue,
  ResetPasswordResult,
  RuntimeFlags,
  ServerCounts,
} from "@venus/model";

const yesNo = (value: boolean) => (value ? "yes" : "no");

function accountLines(view: AdminAccountView): string[] {
  const ban = view.ban
    ? ` (${view.ban.until === null ? "until lifted" : `until ${view.ban.until}`}: ${view.ban.reason})`
    : "";
  return [
    `${view.email} (${view.account_id})`,
    `  state: ${view.state}${ban}`,
    `  locked: ${yesNo(view.locked)}`,
    `  permissions: ${view.permissions.length > 0 ? view.permissions.join(", ") : "none"}`,
    `  sessions: ${view.sessions}, online: ${yesNo(view.online)}`,
  ];
}

const flagLine = (name: string, value: unknown) => `${name} = ${JSON.stringify(value)}`;

function statsLines(counts: ServerCounts): string[] {
  const { accounts: a } = counts;
  return [
    `accounts: ${a.total} (initial_setup ${a.initial_setup}, normal ${a.normal}, banned ${a.banned}, pending_deletion ${a.pending_deletion})`,
    `  locked ${a.locked}, bots ${a.bots}, admins ${a.admins}`,
    `online: ${counts.online.accounts} accounts, ${counts.online.connections} connections`,
    `profiles: ${counts.profiles.total}, ${counts.profiles.listed} listed in browsing`,
    `images: ${counts.images.total}, ${counts.images.awaiting_moderation} awaiting moderation`,
    `texts awaiting moderation: ${counts.texts_awaiting_moderation}`,
    `matches: ${counts.matches}`,
    `likes waiting: ${counts.likes_waiting}`,
  ];
}

function lines(name: AdminCommandName, answer: unknown): string[] {
  switch (name) {
    case "grant-admin":
    case "activate":
    case "lock":
    case "ban":
      return accountLines(answer as AdminAccountView);
    case "reset-password": {
      const reset = answer as ResetPasswordResult;
      return [
        ...accountLines(reset.account),
        `password reset; ${reset.sessions_ended} sessions ended`,
        ...(reset.password === null ? [] : [`one-time password: ${reset.password}`]),
      ];
    }
    case "flag-list":
      return Object.entries(answer as RuntimeFlags).map(([flag, value]) => flagLine(flag, value));
    case "flag-get":
    case "flag-set": {
      const flag = answer as FlagValue;
      return [flagLine(flag.name, flag.value)];
    }
    case "stats":
      return statsLines(answer as ServerCounts);
  }
}

/** A command's answer as lines for people (`--json` prints the answer as it is). */
export function formatAnswer(name: AdminCommandName, answer: unknown): string {
  return `${lines(name, answer).join("\n")}\n`;
}
