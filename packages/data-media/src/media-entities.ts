import type { DailyUse } from "@venus/data-common";
import { UNVERIFIED, type Verification, type VerificationState } from "./verification.js";
import type { ContentRow, MediaAccountRow } from "@venus/database";
import type {
  ContentRejection,
  ContentSize,
  ContentState,
  FaceCrop,
  ImageAnalysis,
  ProcessingStatus,
  RejectionCategory,
} from "@venus/model";

export interface StoredFile extends ContentSize {
  /** File name inside the account's media directory. */
  file: string;
}

export interface Content {
  id: string;
  accountId: string;
  state: ContentState;
  rejection: ContentRejection | null;
  /** Largest first. */
  files: StoredFile[];
  uploadedAt: number;
  moderatedAt: number | null;
  deletedAt: number | null;
  /** What the image worker's detectors found; null when they were off. Moderators only. */
  analysis: ImageAnalysis | null;
  /** The rule and score of an automatic decision; null for a human's or while waiting. Moderators only. */
  decision: ContentDecisionRule | null;
}

export interface ContentDecisionRule {
  rule: string;
  score: number | null;
}

/** One account's media: its content in upload order, the profile content and the security selfie. */
export interface MediaAccount {
  accountId: string;
  /** The `media_content` sync version; bumped by every change the owner or a viewer could see. */
  version: number;
  /** Live (not deleted) content, oldest first. */
  content: Content[];
  /** Content ids; the first is the face image. */
  images: string[];
  crop: FaceCrop | null;
  securitySelfie: string | null;
  editedAt: number;
  /** Selfie ↔ face image (verification.ts). */
  verification: Verification;
  /** Uploads started today (UTC). */
  uploads: DailyUse;
  /** The latest upload's status; `active` while it waits or is processed. Memory only. */
  upload: { status: ProcessingStatus; active: boolean } | undefined;
}

export function newMediaAccount(accountId: string): MediaAccount {
  return {
    accountId,
    version: 0,
    content: [],
    images: [],
    crop: null,
    securitySelfie: null,
    editedAt: 0,
    verification: UNVERIFIED,
    uploads: { day: 0, used: 0 },
    upload: undefined,
  };
}

export function isInUse(account: MediaAccount, contentId: string): boolean {
  return account.securitySelfie === contentId || account.images.includes(contentId);
}

export function contentToRow(content: Content): ContentRow {
  return {
    content_id: content.id,
    account_id: content.accountId,
    state: content.state,
    reject_category: content.rejection?.category ?? null,
    reject_details: content.rejection?.details ?? null,
    files: JSON.stringify(content.files),
    uploaded_at: content.uploadedAt,
    moderated_at: content.moderatedAt,
    deleted_at: content.deletedAt,
    analysis: content.analysis === null ? null : JSON.stringify(content.analysis),
    decided_rule: content.decision?.rule ?? null,
    decided_score: content.decision?.score ?? null,
  };
}

export function contentFromRow(row: ContentRow): Content {
  return {
    id: row.content_id,
    accountId: row.account_id,
    state: row.state as ContentState,
    rejection:
      row.reject_category === null
        ? null
        : { category: row.reject_category as RejectionCategory, details: row.reject_details ?? "" },
    files: JSON.parse(row.files) as StoredFile[],
    uploadedAt: row.uploaded_at,
    moderatedAt: row.moderated_at,
    deletedAt: row.deleted_at,
    analysis: row.analysis === null ? null : (JSON.parse(row.analysis) as ImageAnalysis),
    decision: row.decided_rule === null ? null : { rule: row.decided_rule, score: row.decided_score },
  };
}

export function mediaAccountToRow(account: MediaAccount): MediaAccountRow {
  return {
    account_id: account.accountId,
    version: account.version,
    images: JSON.stringify(account.images),
    crop_x: account.crop?.x ?? null,
    crop_y: account.crop?.y ?? null,
    crop_size: account.crop?.size ?? null,
    security_selfie: account.securitySelfie,
    edited_at: account.editedAt,
    verification_state: account.verification.state,
    verification_selfie: account.verification.selfieId,
    verification_face: account.verification.faceId,
    verification_similarity: account.verification.similarity,
  };
}

export function applyMediaAccountRow(account: MediaAccount, row: MediaAccountRow): void {
  account.version = row.version;
  account.images = JSON.parse(row.images) as string[];
  account.crop =
    row.crop_x === null || row.crop_y === null || row.crop_size === null
      ? null
      : { x: row.crop_x, y: row.crop_y, size: row.crop_size };
  account.securitySelfie = row.security_selfie;
  account.editedAt = row.edited_at;
  account.verification = {
    state: row.verification_state as VerificationState,
    selfieId: row.verification_selfie,
    faceId: row.verification_face,
    similarity: row.verification_similarity,
  };
}
