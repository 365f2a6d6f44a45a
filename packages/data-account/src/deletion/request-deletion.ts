import { VenusError } from "@venus/model";
import { deletionColumns, type Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { publishAccountState } from "../operations/publish-account-state.js";
import { checkOwnerPassword } from "../operations/owner-password.js";
import { deletionCancellable, deletionTime } from "./deletion-rules.js";

/** Writes the account's state and deletion columns as they are now. */
export function writeDeletion(ctx: AccountContext, account: Account): Promise<void> {
  return ctx.writer.write(() =>
    ctx.statements.setDeletion({
      id: account.id,
      state: account.state,
      sync_version: account.syncVersion,
      ...deletionColumns(account),
    }),
  );
}

function requireDeletable(account: Account): void {
  if (account.state === "pending_deletion")
    throw new VenusError("invalid_state", "the account is already to be deleted");
  if (account.state === "banned")
    throw new VenusError("invalid_state", "a banned account cannot ask for its deletion; ask the service");
}

/**
 * The owner asks for the account's deletion: `onHidden` runs the moment the state is
 * `pending_deletion` (every check that wants an account in use hides it from then on); deleted by
 * the daily task after `account.deletion_wait_days` unless cancelled. Durable; its devices get
 * `account_state_changed` with the deletion time.
 */
export async function requestDeletion(
  ctx: AccountContext,
  account: Account,
  password: string | undefined,
  onHidden: () => void = () => undefined,
): Promise<void> {
  requireDeletable(account);
  await checkOwnerPassword(ctx, account, password);
  requireDeletable(account); // again: an admin may have acted while the password was checked
  await enterDeletionWait(ctx, account, onHidden);
}

/** Puts the account into `pending_deletion` for the deletion wait (the owner's request, or the tidy-up). */
export async function enterDeletionWait(
  ctx: AccountContext,
  account: Account,
  onHidden: () => void = () => undefined,
): Promise<void> {
  account.deletion = {
    at: deletionTime(ctx.now(), ctx.config.account.deletion_wait_days),
    stateBefore: account.state,
    deleting: false,
  };
  account.state = "pending_deletion";
  account.syncVersion++;
  const written = writeDeletion(ctx, account);
  onHidden();
  await written;
  publishAccountState(ctx, account);
}

/** Keeps the account: it gets back the state it had; only while the wait runs (`409 invalid_state`). */
export async function cancelDeletion(ctx: AccountContext, account: Account): Promise<void> {
  const { deletion } = account;
  if (account.state !== "pending_deletion" || !deletion)
    throw new VenusError("invalid_state", "the account is not to be deleted");
  if (!deletionCancellable(deletion, ctx.now()))
    throw new VenusError("invalid_state", "the wait is over: the account is being deleted");
  account.state = deletion.stateBefore;
  account.deletion = null;
  account.syncVersion++;
  await writeDeletion(ctx, account);
  publishAccountState(ctx, account);
}
