import { uploadContent } from "@venus/data-all";
import { uploadStatus } from "@venus/data-media";
import { ProcessingStatus } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const uploadRoute = userRoute(
  {
    method: "put",
    path: "/media/upload",
    summary:
      "Upload an image (the raw bytes: JPEG, PNG or WebP); progress arrives as content_processing_state events",
    tag: "media",
    rawBody: {
      contentTypes: ["image/jpeg", "image/png", "image/webp", "application/octet-stream"],
      description: "The image file. Its format is detected from the bytes; the Content-Type is ignored.",
    },
    maxBodyBytes: (deps) => deps.media.config.media.max_upload_bytes,
    errors: [
      "validation_failed",
      "upload_in_progress",
      "content_limit_reached",
      "invalid_state",
      "upload_limit_reached",
      "busy",
    ],
    responses: {
      200: { description: "Queued: the processing id and its first state", schema: ProcessingStatus },
    },
  },
  async ({ http, auth, deps }) => json(200, await uploadContent(deps, auth.account, http.body)),
);

export const uploadStatusRoute = userRoute(
  {
    method: "get",
    path: "/media/upload/:processing_id",
    summary: "The state of the account's latest upload (the same data as its last event)",
    tag: "media",
    errors: ["not_found"],
    responses: {
      200: { description: "Its state", schema: ProcessingStatus },
    },
  },
  ({ http, auth, deps }) => json(200, uploadStatus(deps.media, auth.account.id, http.params[0] ?? "")),
);
