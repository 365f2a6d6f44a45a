export interface ContentRow {
  content_id: string;
  account_id: string;
  /** waiting | accepted | rejected */
  state: string;
  reject_category: string | null;
  reject_details: string | null;
  /** JSON array of `{ size, width, height, file }`, largest first. */
  files: string;
  uploaded_at: number;
  moderated_at: number | null;
  deleted_at: number | null;
  /** JSON ImageAnalysis (detector findings); null when the detectors were off. */
  analysis: string | null;
  /** The rule and score of an automatic decision (the moderation bot's); null for a human's. */
  decided_rule: string | null;
  decided_score: number | null;
}

export interface MediaAccountRow {
  account_id: string;
  version: number;
  /** JSON array of content ids; the first is the face image. */
  images: string;
  crop_x: number | null;
  crop_y: number | null;
  crop_size: number | null;
  security_selfie: string | null;
  edited_at: number;
  /** unverified | pending | verified */
  verification_state: string;
  verification_selfie: string | null;
  verification_face: string | null;
  verification_similarity: number | null;
}
