import { presentSignInMethods, type Account } from "@venus/data-account";
import type { Content } from "@venus/data-media";
import { favoritesOf, presentOwnProfile } from "@venus/data-profile";
import type { Components } from "../components.js";

/** The account as it is kept: no password hash, no token or its hash, no session id. */
export function accountDocument(components: Components, account: Account): object {
  const { cache, presence } = components.account;
  return {
    account_id: account.id,
    email: account.email,
    email_verified: account.emailVerified,
    pending_email_change: presentSignInMethods(components.account, account).pending_email_change,
    password_set: account.passwordHash !== "",
    linked_providers: components.account.signIn
      .identitiesOf(account.id)
      .map(({ provider, email, linkedAt }) => ({ provider, email, linked_at: linkedAt })),
    state: account.state,
    created_at: account.createdAt,
    last_seen_at: presence.lastSeenAt(account.id) ?? null,
    permissions: [...account.permissions].sort(),
    bot: account.bot,
    locked: account.locked,
    ban: account.ban && { until: account.ban.until, reason: account.ban.reason },
    deletion_at: account.deletion?.at ?? null,
    setup: {
      name: account.name,
      birthdate: account.birthdate,
      gender: account.gender,
      looking_for: account.lookingFor,
      age: account.initialAge,
      age_year: account.initialAgeYear,
    },
    sessions: [...(cache.sessionsByAccount.get(account.id) ?? [])].map((session) => ({
      device_id: session.publicId,
      client: session.device && { kind: session.device.kind, version: session.device.version },
      address: session.device?.address ?? null,
      created_at: session.createdAt,
      last_used_at: session.lastUsedAt,
    })),
  };
}

/** The profile as its owner sees it, and the favorites list; null before setup is complete. */
export function profileDocument(components: Components, accountId: string): object | null {
  const { profile } = components;
  const own = profile.cache.profiles.get(accountId);
  if (!own) return null;
  return { ...presentOwnProfile(own, profile.now()), favorites: favoritesOf(profile, accountId) };
}

/** Every content item still kept (deleted ones until they are purged), its largest image as a file. */
export function mediaItems(components: Components, accountId: string): { content: Content; file: string }[] {
  const { media } = components;
  return [...media.cache.content.values()]
    .filter((content) => content.accountId === accountId)
    .sort((a, b) => a.uploadedAt - b.uploadedAt)
    .flatMap((content) => {
      const largest = content.files[0];
      return largest ? [{ content, file: media.files.file(accountId, largest.file) }] : [];
    });
}

/** What media.json says of each item; `file` is its name in the archive. */
export function mediaDocument(components: Components, accountId: string): object {
  const account = components.media.cache.accounts.get(accountId);
  return {
    profile_images: account?.images ?? [],
    security_selfie: account?.securitySelfie ?? null,
    verified: account?.verification.state === "verified",
    verification: account?.verification ?? null,
    items: mediaItems(components, accountId).map(({ content }) => ({
      content_id: content.id,
      file: archiveMediaName(content.id),
      state: content.state,
      rejection: content.rejection,
      width: content.files[0]?.width,
      height: content.files[0]?.height,
      uploaded_at: content.uploadedAt,
      moderated_at: content.moderatedAt,
      deleted_at: content.deletedAt,
      // The detectors' findings, face descriptor included: personal (biometric) data held about the owner.
      analysis: content.analysis,
    })),
  };
}

export const archiveMediaName = (contentId: string): string => `media/${contentId}.jpg`;
