import type { Account } from "@venus/data-account";
import { fileReport, type FiledReport } from "@venus/data-chat";
import { presentProfileView } from "@venus/data-profile";
import { VenusError, type ReportRequest, invalidField } from "@venus/model";
import type { Components } from "./components.js";
import { contentSeenBy } from "./media.js";
import { canView } from "./view-profile.js";

/** Reports are about someone else; one's own name, text or image is edited, not reported. */
function requireOther(reporter: Account, accountId: string): void {
  if (reporter.id === accountId) throw invalidField("account_id", "cannot report your own account");
}

/**
 * Reports `targetId`'s profile name or text as `reporter` sees it now (the copy kept is that
 * text). A profile the reporter cannot see, or a name or text not shown to them (empty, or waiting for
 * moderation), is the same `404 not_found` as a profile that does not exist.
 */
export function reportProfileText(
  components: Components,
  reporter: Account,
  kind: "profile_name" | "profile_text",
  targetId: string,
  request: ReportRequest,
): Promise<FiledReport> {
  requireOther(reporter, targetId);
  const target = components.profile.cache.profiles.get(targetId);
  const seen =
    target && canView(components, reporter, target)
      ? presentProfileView(target, undefined, components.profile)[kind === "profile_name" ? "name" : "text"]
      : null;
  if (!seen) throw new VenusError("not_found", "no such profile");
  return fileReport(components.chat, {
    reporter: reporter.id,
    reported: targetId,
    kind,
    target: targetId,
    category: request.category,
    details: request.details,
    snapshot: { text: seen },
  });
}

/**
 * Reports an image of `ownerId` that `reporter` can see (one waiting report per image). Anything
 * else is the same `404 not_found` as content that does not exist.
 */
export function reportImage(
  components: Components,
  reporter: Account,
  ownerId: string,
  contentId: string,
  request: ReportRequest,
): Promise<FiledReport> {
  requireOther(reporter, ownerId);
  if (!contentSeenBy(components, reporter, ownerId, contentId))
    throw new VenusError("not_found", "no such content");
  return fileReport(components.chat, {
    reporter: reporter.id,
    reported: ownerId,
    kind: "image",
    target: contentId,
    category: request.category,
    details: request.details,
    snapshot: { content_id: contentId },
  });
}
