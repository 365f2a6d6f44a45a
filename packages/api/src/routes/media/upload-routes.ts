import { uploadContent } from "@venus/data-all";
import { uploadStatus } from "@venus/data-media";
import { ErrorResponse, ProcessingStatus } from "@venus/model";
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
    responses: {
      200: { description: "Queued: the processing id and its first state", schema: ProcessingStatus },
      400: { description: "validation_failed (empty body)", schema: ErrorResponse },
      409: {
        description: "upload_in_progress, content_limit_reached, or invalid_state (banned or leaving)",
        schema: ErrorResponse,
      },
      413: { description: "payload_too_large (media.max_upload_bytes)", schema: ErrorResponse },
      429: {
        description: "upload_limit_reached (the uploads_per_day flag), with Retry-After",
        schema: ErrorResponse,
      },
      503: {
        description: "busy: the worker queue is full; Retry-After says when to try again",
        schema: ErrorResponse,
      },
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
    responses: {
      200: { description: "Its state", schema: ProcessingStatus },
      404: {
        description: "not_found (not the latest upload, or the server restarted)",
        schema: ErrorResponse,
      },
    },
  },
  ({ http, auth, deps }) => json(200, uploadStatus(deps.media, auth.account.id, http.params[0] ?? "")),
);
