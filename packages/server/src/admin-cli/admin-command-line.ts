import type { Command } from "commander";
import type { AdminCommandName } from "@venus/model";

/** One `venus admin` command: the config and `--json` may come before or after the command's name. */
function adminCommand(parent: Command, name: string, description: string): Command {
  for (const command of [parent, parent.command(name).description(description)]) {
    if (command.options.length > 0) continue;
    command
      .option("-c, --config <file>", "the server's TOML config file (for its data_dir)")
      .option("--json", "print the answer as JSON");
  }
  return parent.commands.at(-1) as Command;
}

/** Runs an admin command with the options of every level (`venus admin --json flag list`). */
async function runAdmin(command: Command, name: AdminCommandName, args: object): Promise<void> {
  const { runAdminCli } = await import("./run-admin-cli.js");
  process.exitCode = await runAdminCli(command.optsWithGlobals(), name, args);
}

/** `true`, `10`, `"text"` as JSON; anything else as the text it is (the flag's schema judges it). */
function parseFlagValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `venus admin …`: each command loads its code only when it runs. */
export function addAdminCommands(program: Command): void {
  const admin = program
    .command("admin")
    .description(
      "administer accounts and runtime flags: through the running server, or on its stopped data directory (see docs/admin.md)",
    );

  adminCommand(admin, "grant-admin", "give the account every admin permission")
    .argument("<email>")
    .action((email: string, _options, command: Command) => runAdmin(command, "grant-admin", { email }));

  adminCommand(admin, "reset-password", "set a new password and end every session")
    .argument("<email>")
    .option("--stdin", "read the new password from the first line of stdin (default: print a generated one)")
    .action(async (email: string, options: { stdin?: boolean }, command: Command) => {
      const { readPasswordFromStdin } = await import("./read-password.js");
      const password = options.stdin ? await readPasswordFromStdin() : undefined;
      await runAdmin(command, "reset-password", password === undefined ? { email } : { email, password });
    });

  adminCommand(admin, "activate", "lift the account's ban and lock")
    .argument("<email>")
    .action((email: string, _options, command: Command) => runAdmin(command, "activate", { email }));

  adminCommand(admin, "lock", "refuse every login of the account and end its sessions")
    .argument("<email>")
    .action((email: string, _options, command: Command) => runAdmin(command, "lock", { email }));

  adminCommand(admin, "ban", "ban the account: hidden from everyone, its own app says why")
    .argument("<email>")
    .option("--until <time>", "an ISO time when the ban ends (default: until lifted)")
    .option("--reason <text>", "shown to the user")
    .action((email: string, options: { until?: string; reason?: string }, command: Command) =>
      runAdmin(command, "ban", {
        email,
        ...(options.until === undefined ? {} : { until: options.until }),
        ...(options.reason === undefined ? {} : { reason: options.reason }),
      }),
    );

  const flag = admin.command("flag").description("runtime flags: take effect at once, kept in the database");
  adminCommand(flag, "list", "every flag and its value").action((_options, command: Command) =>
    runAdmin(command, "flag-list", {}),
  );
  adminCommand(flag, "get", "one flag's value")
    .argument("<name>")
    .action((name: string, _options, command: Command) => runAdmin(command, "flag-get", { name }));
  adminCommand(flag, "set", "change a flag; VALUE is JSON (true, 10)")
    .argument("<name>")
    .argument("<value>")
    .action((name: string, value: string, _options, command: Command) =>
      runAdmin(command, "flag-set", { name, value: parseFlagValue(value) }),
    );

  adminCommand(admin, "stats", "counts of accounts, online users, profiles, images, matches").action(
    (_options, command: Command) => runAdmin(command, "stats", {}),
  );
}
