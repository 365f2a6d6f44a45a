import type { ModeratorAnalysis } from "@venus/model";
import type { Content } from "../media-entities.js";

/** The detector findings moderators see: scores and boxes, never the face descriptor. */
export function moderatorAnalysis(content: Content): ModeratorAnalysis | null {
  if (!content.analysis) return null;
  const { nudity, faces } = content.analysis;
  return { ...(nudity && { nudity }), ...(faces && { faces }) };
}
