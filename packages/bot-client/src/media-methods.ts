import type {
  OwnContentResponse,
  ProcessingStatus,
  ProfileContentResponse,
  SetProfileContentRequest,
} from "@venus/model";
import type { ApiContext } from "./api-context.js";
import { routePath, type BinaryAnswer } from "./http-api.js";
import type { OkBody } from "./wire-types.js";

/** An upload's last state: it will not change any more. */
export type FinalProcessingStatus = Extract<ProcessingStatus, { state: "completed" | "failed" }>;

const isFinal = (status: ProcessingStatus): status is FinalProcessingStatus =>
  status.state === "completed" || status.state === "failed";

/** `GET /media/content/{account_id}/{content_id}`: the JPEG, or `notModified` for a matching ETag. */
export interface ContentFile {
  notModified: boolean;
  /** The JPEG (empty when not modified). */
  bytes: Buffer;
  etag: string | null;
  cacheControl: string | null;
}

/** `/media/…` routes, and uploads followed to their end through `content_processing_state` events. */
export class MediaMethods {
  constructor(private readonly ctx: ApiContext) {}

  /** `PUT /media/upload` with the image bytes: the first processing state (later ones come as events). */
  upload(bytes: Uint8Array): Promise<ProcessingStatus> {
    return this.ctx.http.json({ method: "PUT", path: "/media/upload", raw: bytes });
  }

  /**
   * Uploads and waits for the upload's final `content_processing_state` event (needs the socket:
   * events go to connected devices). The earlier state events of this upload are removed from the
   * queue; the `media_content_changed` a completed upload causes stays queued.
   */
  async uploadAndWait(
    bytes: Uint8Array,
    options: { timeoutMs?: number } = {},
  ): Promise<FinalProcessingStatus> {
    const started = await this.upload(bytes);
    const ofThis = (status: ProcessingStatus) => status.processing_id === started.processing_id;
    const final = isFinal(started)
      ? started
      : ((await this.ctx.events.next("content_processing_state", {
          predicate: (status) => ofThis(status) && isFinal(status),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        })) as FinalProcessingStatus);
    this.ctx.events.drain((event) => event.event === "content_processing_state" && ofThis(event.data));
    return final;
  }

  /** Uploads and waits; the new content id, or an Error naming the failure reason. */
  async uploadImage(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<string> {
    const final = await this.uploadAndWait(bytes, options);
    if (final.state === "failed") throw new Error(`upload ${final.processing_id} failed: ${final.reason}`);
    return final.content_id;
  }

  /** `GET /media/upload/{processing_id}`: the latest upload's current state. */
  uploadStatus(processingId: string): Promise<ProcessingStatus> {
    return this.ctx.http.get(routePath`/media/upload/${processingId}`);
  }

  /** `GET /media/content`: the own items, limits and the `media_content` version. */
  content(): Promise<OwnContentResponse> {
    return this.ctx.http.get("/media/content");
  }

  /** `DELETE /media/content/{content_id}`. */
  deleteContent(contentId: string): Promise<OkBody> {
    return this.ctx.http.delete(routePath`/media/content/${contentId}`);
  }

  /** `GET /media/content/{account_id}/{content_id}[?size=N]`, conditional with `ifNoneMatch`. */
  async contentFile(
    accountId: string,
    contentId: string,
    options: { size?: number; ifNoneMatch?: string } = {},
  ): Promise<ContentFile> {
    const answer: BinaryAnswer = await this.ctx.http.binary({
      method: "GET",
      path: routePath`/media/content/${accountId}/${contentId}`,
      query: { size: options.size },
      ...(options.ifNoneMatch === undefined ? {} : { headers: { "if-none-match": options.ifNoneMatch } }),
    });
    return {
      notModified: answer.status === 304,
      bytes: answer.body,
      etag: answer.headers.get("etag"),
      cacheControl: answer.headers.get("cache-control"),
    };
  }

  /** `PUT /media/profile_content`: 1–6 images, the first the face image, and its grid crop. */
  setProfileContent(request: SetProfileContentRequest): Promise<OkBody> {
    return this.ctx.http.put("/media/profile_content", request);
  }

  /** `PUT /media/security_selfie`. */
  setSecuritySelfie(contentId: string): Promise<OkBody> {
    return this.ctx.http.put("/media/security_selfie", { content_id: contentId });
  }

  /** `GET /media/profile_content/{account_id}`: the images as the caller may see them. */
  profileContent(accountId: string): Promise<ProfileContentResponse> {
    return this.ctx.http.get(routePath`/media/profile_content/${accountId}`);
  }
}
