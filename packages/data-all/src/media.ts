import type { Account } from "@venus/data-account";
import {
  contentFile,
  isPublicProfileImage,
  presentProfileContent,
  startUpload,
  type Content,
  type ServedFile,
} from "@venus/data-media";
import { VenusError, type ProcessingStatus, type ProfileContentResponse } from "@venus/model";
import type { Components } from "./components.js";
import { canView } from "./view-profile.js";

const ADMIN_PERMISSIONS = ["moderate_images", "view_private_profiles"] as const;
const isMediaAdmin = (viewer: Account) => ADMIN_PERMISSIONS.some((p) => viewer.permissions.has(p));

/** Uploads are for accounts in setup or in use; banned and leaving accounts cannot add content. */
export function uploadContent(
  components: Components,
  account: Account,
  body: Buffer,
): Promise<ProcessingStatus> {
  if (account.state !== "initial_setup" && account.state !== "normal")
    throw new VenusError("invalid_state", `an account in state ${account.state} cannot upload`);
  return startUpload(components.media, account.id, body);
}

/** Whether `viewer` may see `ownerId`'s profile at all (the same rule as the profile itself). */
function seesProfile(components: Components, viewer: Account, ownerId: string): boolean {
  if (viewer.id === ownerId || isMediaAdmin(viewer)) return true;
  if (viewer.state !== "normal") return false;
  const profile = components.profile.cache.profiles.get(ownerId);
  return profile !== undefined && canView(components, viewer, profile);
}

/**
 * An account's profile images as `viewer` may see them; `404` when the profile is hidden from them
 * or the account does not exist (admins too).
 */
export function viewProfileContent(
  components: Components,
  viewer: Account,
  ownerId: string,
): ProfileContentResponse {
  if (!components.account.cache.accounts.has(ownerId) || !seesProfile(components, viewer, ownerId))
    throw new VenusError("not_found", "no such profile");
  return presentProfileContent(components.media, ownerId, viewer.id === ownerId || isMediaAdmin(viewer));
}

/**
 * `ownerId`'s content `contentId` when `viewer` may see it: the owner (not once deleted); admins
 * (deleted content included, for reports); anyone who can see the owner's profile when the content is
 * an accepted profile image. Undefined otherwise, as for content that does not exist.
 */
export function contentSeenBy(
  components: Components,
  viewer: Account,
  ownerId: string,
  contentId: string,
): Content | undefined {
  const content = components.media.cache.content.get(contentId);
  const allowed =
    content !== undefined &&
    content.accountId === ownerId &&
    (isMediaAdmin(viewer) ||
      (content.deletedAt === null && viewer.id === ownerId) ||
      (isPublicProfileImage(components.media, content) && seesProfile(components, viewer, ownerId)));
  return allowed ? content : undefined;
}

/**
 * The file to serve for `GET /media/content/{owner}/{content}` to a viewer who may see it
 * (`contentSeenBy`). Anyone else gets the same `404` as for content that does not exist, so content
 * ids reveal nothing.
 */
export function contentForViewer(
  components: Components,
  viewer: Account,
  ownerId: string,
  contentId: string,
  size: number | undefined,
): ServedFile {
  const content = contentSeenBy(components, viewer, ownerId, contentId);
  const file = content ? contentFile(components.media, content, size) : undefined;
  if (!file) throw new VenusError("not_found", "no such content");
  return file;
}
