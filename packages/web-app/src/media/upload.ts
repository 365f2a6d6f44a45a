import type { ProcessingStatus } from "@venus/model";
import { ApiError, type Session } from "@venus/web-shared";

export type UploadProgress =
  { phase: "sending"; fraction: number } | { phase: "in_queue"; position: number } | { phase: "processing" };

/**
 * `PUT /media/upload` with the file's bytes (XMLHttpRequest, for its upload progress), then the
 * `content_processing_state` events of that upload until it completes (its content id) or fails
 * (an ApiError with the failure reason as code, e.g. `not_an_image`).
 */
export async function uploadImage(
  session: Session,
  file: Blob,
  progress: (state: UploadProgress) => void,
): Promise<string> {
  const events: ProcessingStatus[] = [];
  let wake = () => {};
  const off = session.socket.on("content_processing_state", (status) => {
    if (!status) return;
    events.push(status);
    wake();
  });
  try {
    await session.socket.ready();
    let status = await send(session.socket.accessToken() ?? "", file, progress);
    for (;;) {
      if (status.state === "completed") return status.content_id;
      if (status.state === "failed") throw new ApiError(422, status.reason as never, status.reason);
      progress(
        status.state === "in_queue"
          ? { phase: "in_queue", position: status.position }
          : { phase: "processing" },
      );
      const id = status.processing_id;
      status = await new Promise<ProcessingStatus>((resolve) => {
        const check = () => {
          const index = events.findIndex((event) => event.processing_id === id);
          if (index >= 0) resolve(events.splice(index, 1)[0] as ProcessingStatus);
        };
        wake = check;
        check();
      });
    }
  } finally {
    off();
  }
}

function send(
  token: string,
  file: Blob,
  progress: (state: UploadProgress) => void,
): Promise<ProcessingStatus> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", "/media/upload");
    request.setRequestHeader("authorization", `Bearer ${token}`);
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (event) =>
      progress({ phase: "sending", fraction: event.lengthComputable ? event.loaded / event.total : 0 });
    request.onerror = () => reject(new ApiError(0, "network_error", "the upload did not reach the server"));
    request.onload = () => {
      let body: { error?: { code: never; message: string; details?: unknown } } & ProcessingStatus;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        return reject(new ApiError(request.status, "internal_error", request.statusText));
      }
      if (request.status >= 200 && request.status < 300) resolve(body);
      else
        reject(
          new ApiError(
            request.status,
            body.error?.code ?? ("internal_error" as never),
            body.error?.message ?? "",
            body.error?.details,
          ),
        );
    };
    request.send(file);
  });
}
