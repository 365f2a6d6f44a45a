import type { AccountContext } from "../context.js";

/** `sign_in_methods_changed` to the account's devices: they fetch GET /account/sign_in_methods. */
export function publishSignInMethods(ctx: AccountContext, accountId: string): void {
  ctx.connections.publish(accountId, "sign_in_methods_changed", {});
}
