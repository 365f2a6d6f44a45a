import type {
  MediaModerationPage,
  MediaModerationRequest,
  ModerationDecisionRequest,
  ModerationQueuePage,
} from "@venus/model";
import type { Decision } from "./moderation-rules.js";

export type ImagePageItem = MediaModerationPage["items"][number];
export type TextPageItem = ModerationQueuePage["items"][number];

/** The largest of an image's stored sizes (they come largest first; this does not rely on it). */
export function largestSize(sizes: ImagePageItem["sizes"]): { width: number; height: number } | undefined {
  let largest: { width: number; height: number } | undefined;
  for (const { width, height } of sizes)
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
  return largest;
}

export function mediaDecision(item: ImagePageItem, decision: Decision): MediaModerationRequest {
  const target = {
    account_id: item.account_id,
    content_id: item.content_id,
    ...(decision.rule !== undefined && { rule: decision.rule }),
    ...(decision.score !== undefined && { score: decision.score }),
  };
  return decision.accept
    ? { ...target, accept: true }
    : { ...target, accept: false, category: decision.category, details: decision.details };
}

export function textDecision(item: TextPageItem, decision: Decision): ModerationDecisionRequest {
  // changed_at: a decision never lands on an edit made after the bot read the value.
  const target = { account_id: item.account_id, field: item.field, changed_at: item.changed_at };
  return decision.accept
    ? { ...target, accept: true }
    : { ...target, accept: false, reason: decision.details };
}
