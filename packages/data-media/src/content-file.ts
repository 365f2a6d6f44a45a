import type { MediaContext } from "./context.js";
import type { Content, StoredFile } from "./media-entities.js";

/**
 * The stored file that answers `?size=`: the smallest one at least that large, or the largest when
 * none is (the image was smaller than asked); the largest when no size is asked for.
 */
export function pickFile(files: readonly StoredFile[], size: number | undefined): StoredFile | undefined {
  if (size === undefined) return files[0];
  let pick = files[0];
  for (const file of files) if (file.size >= size) pick = file;
  return pick;
}

export interface ServedFile {
  path: string;
  /** Content never changes under its id, so the id and size make a strong ETag. */
  etag: string;
}

export function contentFile(
  ctx: MediaContext,
  content: Content,
  size: number | undefined,
): ServedFile | undefined {
  const file = pickFile(content.files, size);
  if (!file) return undefined;
  return { path: ctx.files.file(content.accountId, file.file), etag: `"${content.id}-${file.size}"` };
}
