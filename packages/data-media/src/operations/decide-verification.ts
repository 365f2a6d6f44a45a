import { VenusError } from "@venus/model";
import type { MediaContext } from "../context.js";
import { saveMedia } from "./save-media.js";

/** A human's answer for an account in the verification queue, for the pair of images they saw. */
export async function decideVerification(
  ctx: MediaContext,
  decision: { accountId: string; selfieId: string; faceId: string; verified: boolean },
): Promise<void> {
  const account = ctx.cache.accounts.get(decision.accountId);
  const current = account?.verification;
  if (
    !account ||
    current?.state !== "pending" ||
    current.selfieId !== decision.selfieId ||
    current.faceId !== decision.faceId
  )
    throw new VenusError("not_found", "that verification does not wait for a decision");
  account.verification = { ...current, state: decision.verified ? "verified" : "unverified" };
  await saveMedia(ctx, account);
}
