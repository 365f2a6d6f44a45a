import { retryLater } from "@venus/model";
import type { ChatContext } from "../context.js";
import { openConversation } from "./conversation-access.js";

/** Typing start and stop go live to the other side only: never stored, rate limited, and not sent at all when the typer hides typing. */
export function forwardTyping(ctx: ChatContext, typerId: string, otherId: string, typing: boolean): void {
  openConversation(ctx, typerId, otherId);
  const typer = ctx.cache.account(typerId);
  const now = ctx.now();
  const nextAllowed = typer.lastTypingAt + ctx.config.chat.typing_min_interval_ms;
  if (now < nextAllowed)
    throw retryLater(
      "rate_limited",
      Math.max(1, Math.ceil((nextAllowed - now) / 1000)),
      "typing frames come at most every chat.typing_min_interval_ms",
    );
  typer.lastTypingAt = now;
  if (typer.settings.typing) ctx.connections.publish(otherId, "typing", { account_id: typerId, typing });
}
