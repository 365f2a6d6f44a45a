import { Type, type Static, type TSchema } from "@sinclair/typebox";
import {
  accountByEmail,
  lockAccount,
  presentAdminAccount,
  recordAdminAction,
  resetPassword,
  runtimeFlag,
  setPermissions,
  setRuntimeFlag,
  type Account,
} from "@venus/data-account";
import { activateAccount, banProfileAccount, serverCounts, type Components } from "@venus/data-all";
import {
  CommandBanArguments,
  COMMAND_LINE_ADMIN_ID,
  EmailArguments,
  FlagNameArguments,
  FlagSetArguments,
  PERMISSIONS,
  ResetPasswordArguments,
  VenusError,
  type AdminCommandName,
} from "@venus/model";
import { validate } from "../parse-body.js";

/** What a command did: its answer, and for a change the account it acted on (for the audit log). */
interface Outcome {
  result: unknown;
  changed?: { targetId: string | null };
}

interface AdminCommand<S extends TSchema> {
  args: S;
  run(components: Components, args: Static<S>): Promise<Outcome> | Outcome;
}

const command = <S extends TSchema>(args: S, run: AdminCommand<S>["run"]): AdminCommand<S> => ({ args, run });

/** The account view after a change to `target`. */
const changedAccount = (components: Components, target: Account): Outcome => ({
  result: presentAdminAccount(components.account, target),
  changed: { targetId: target.id },
});

const NO_ARGUMENTS = Type.Object({}, { additionalProperties: false });
const DEFAULT_BAN_REASON = "Banned by the service's administrators.";

/**
 * Every `venus admin` command, run the same way whether the server runs it for its admin listener or
 * `venus admin` runs it on a stopped data directory: one implementation each, over the components.
 */
const COMMANDS: { [N in AdminCommandName]: AdminCommand<TSchema> } = {
  "grant-admin": command(EmailArguments, async (c, { email }) => {
    const target = accountByEmail(c.account, email);
    await setPermissions(c.account, null, target, PERMISSIONS);
    return changedAccount(c, target);
  }),
  "reset-password": command(ResetPasswordArguments, async (c, { email, password }) => {
    const target = accountByEmail(c.account, email);
    const reset = await resetPassword(c.account, target, password);
    return {
      result: {
        account: presentAdminAccount(c.account, target),
        password: reset.password,
        sessions_ended: reset.sessionsEnded,
      },
      changed: { targetId: target.id },
    };
  }),
  activate: command(EmailArguments, async (c, { email }) => {
    const target = accountByEmail(c.account, email);
    await activateAccount(c, target);
    return changedAccount(c, target);
  }),
  lock: command(EmailArguments, async (c, { email }) => {
    const target = accountByEmail(c.account, email);
    await lockAccount(c.account, null, target);
    return changedAccount(c, target);
  }),
  ban: command(CommandBanArguments, async (c, { email, reason, until }) => {
    const target = accountByEmail(c.account, email);
    await banProfileAccount(c, null, target, { reason: reason ?? DEFAULT_BAN_REASON, until });
    return changedAccount(c, target);
  }),
  "flag-list": command(NO_ARGUMENTS, (c) => ({ result: c.account.flags.all() })),
  "flag-get": command(FlagNameArguments, (c, { name }) => ({ result: runtimeFlag(c.account, name) })),
  "flag-set": command(FlagSetArguments, async (c, { name, value }) => {
    await setRuntimeFlag(c.account, name, value);
    return { result: runtimeFlag(c.account, name), changed: { targetId: null } };
  }),
  stats: command(NO_ARGUMENTS, (c) => ({ result: serverCounts(c) })),
};

export function isAdminCommand(name: string): name is AdminCommandName {
  return Object.hasOwn(COMMANDS, name);
}

/**
 * Runs one command: checks its arguments, runs it, and writes a change to the audit log (as the
 * command line, `COMMAND_LINE_ADMIN_ID`) before answering. Resolves with the command's JSON answer.
 */
export async function runAdminCommand(components: Components, name: string, args: unknown): Promise<unknown> {
  if (!isAdminCommand(name)) throw new VenusError("not_found", `no admin command ${name}`);
  const { args: schema, run } = COMMANDS[name];
  const outcome = await run(components, validate(schema, args ?? {}));
  if (outcome.changed)
    await recordAdminAction(components.account, {
      adminId: COMMAND_LINE_ADMIN_ID,
      method: "cli",
      pathPattern: name,
      path: `venus admin ${name}`,
      params: [],
      query: "",
      body: args,
      ...(outcome.changed.targetId === null ? {} : { targetId: outcome.changed.targetId }),
    });
  return outcome.result;
}
