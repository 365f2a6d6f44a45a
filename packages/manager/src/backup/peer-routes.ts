import { ManagerConfig } from "@venus/model";
import { isBytes, managerError, ok, type ManagerRequest } from "../api/manager-request.js";
import type { ManagerRouter, RouteParams } from "../api/manager-router.js";
import { answerBackupErrors, BackupError } from "./backup-error.js";
import type { BackupPeer } from "./backup-peer.js";
import { distinct, fileEntry, imageEntry, list, record, text } from "./backup-values.js";
import { HEX_SHA256, isSafeRelativePath, SAFE_NAME } from "./store-layout.js";

/** The largest image batch a peer takes, whatever its own `backup.image_batch`. */
const MAX_IMAGE_BATCH = ManagerConfig.properties.backup.properties.image_batch.maximum ?? 0;
export const SESSIONS_PATH = "/manager/backup/sessions";

function chunkIndex(params: RouteParams): number {
  const index = Number(params.chunk);
  if (!/^\d{1,10}$/.test(params.chunk ?? "") || index > 0xffffffff)
    throw new BackupError(400, "invalid_request", "the chunk index must be a whole number");
  return index;
}

function rawBody(request: ManagerRequest): Uint8Array {
  if (!isBytes(request.body))
    throw new BackupError(400, "invalid_request", "records and hashes are sent as application/octet-stream");
  return request.body;
}

/**
 * The routes a backup source calls on its peer (docs/manager.md, "Backups"). A manager that does not
 * accept backups answers them all `403 backup_not_accepted`.
 */
export function addPeerRoutes(router: ManagerRouter, peer: BackupPeer | undefined, maxFiles: number): void {
  const route = (
    method: "POST" | "PUT" | "DELETE",
    path: string,
    work: (peer: BackupPeer, request: ManagerRequest, params: RouteParams) => Promise<unknown>,
  ) =>
    router.add(method, `${SESSIONS_PATH}${path}`, (request, params) => {
      if (peer === undefined)
        return managerError(
          403,
          "backup_not_accepted",
          "this manager does not accept backups (backup.accept)",
        );
      return answerBackupErrors(async () => ok(await work(peer, request, params)));
    });

  route("POST", "", (peer, request) => {
    const body = record(request.body, "the body");
    const source = text(body.source, "source", SAFE_NAME);
    const files = list(body.files, "files", maxFiles).map((entry, i) => fileEntry(entry, `files[${i}]`));
    distinct(files, (file) => file.name, "files");
    return peer.begin(source, files);
  });
  route("POST", "/:id/images", async (peer, request, params) => {
    const body = record(request.body, "the body");
    const images = list(body.images, "images", MAX_IMAGE_BATCH).map((entry, i) =>
      imageEntry(entry, `images[${i}]`),
    );
    return { missing: peer.session(params.id ?? "").declareImages(images) };
  });
  route("POST", "/:id/files/:name/blocks", async (peer, request, params) => {
    const name = text(params.name, "the file name", SAFE_NAME);
    return { needed: await peer.session(params.id ?? "").declareBlocks(name, rawBody(request)) };
  });
  route("PUT", "/:id/images", async (peer, request, params) => {
    await peer.session(params.id ?? "").receiveImages(rawBody(request));
    return {};
  });
  route("PUT", "/:id/files/:name/:chunk", async (peer, request, params) => {
    const name = text(params.name, "the file name", SAFE_NAME);
    await peer.session(params.id ?? "").receiveFile(name, chunkIndex(params), rawBody(request));
    return {};
  });
  route("PUT", "/:id/images/:sha256/:chunk", async (peer, request, params) => {
    const sha256 = text(params.sha256, "the image hash", HEX_SHA256);
    await peer.session(params.id ?? "").receiveImage(sha256, chunkIndex(params), rawBody(request));
    return {};
  });
  route("POST", "/:id/finish", (peer, request, params) => {
    const body = record(request.body ?? {}, "the body");
    const vanished = list(body.vanished ?? [], "vanished", Number.MAX_SAFE_INTEGER).map((path) => {
      if (typeof path !== "string" || !isSafeRelativePath(path))
        throw new BackupError(400, "invalid_request", "vanished holds image paths");
      return path;
    });
    return peer.finish(params.id ?? "", vanished);
  });
  route("DELETE", "/:id", async (peer, _request, params) => {
    await peer.abort(params.id ?? "");
    return {};
  });
}
