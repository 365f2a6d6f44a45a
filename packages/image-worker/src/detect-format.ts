/**
 * Image format by content, never by file name: the first bytes of the file ("magic bytes").
 * Pure, no I/O. Accepted formats are JPEG, PNG and WebP; a few other well-known image formats are
 * recognised so that they can be refused as `unsupported_format` rather than `not_an_image`.
 */

export type AcceptedFormat = "jpeg" | "png" | "webp";
export type DetectedFormat =
  | { kind: "accepted"; format: AcceptedFormat }
  | { kind: "unsupported"; format: string }
  | { kind: "unknown" };

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, index) => bytes[at + index] === byte);
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const ACCEPTED: ReadonlyArray<[AcceptedFormat, (bytes: Uint8Array) => boolean]> = [
  ["jpeg", (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ["png", (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ["webp", (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)],
];

const UNSUPPORTED: ReadonlyArray<[string, (bytes: Uint8Array) => boolean]> = [
  ["gif", (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))],
  ["bmp", (b) => startsWith(b, ascii("BM"))],
  ["tiff", (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])],
  ["heif", (b) => startsWith(b, ascii("ftyp"), 4)],
  ["jxl", (b) => startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])],
  ["ico", (b) => startsWith(b, [0x00, 0x00, 0x01, 0x00])],
  ["pdf", (b) => startsWith(b, ascii("%PDF"))],
];

export function detectFormat(bytes: Uint8Array): DetectedFormat {
  for (const [format, matches] of ACCEPTED) if (matches(bytes)) return { kind: "accepted", format };
  for (const [format, matches] of UNSUPPORTED) if (matches(bytes)) return { kind: "unsupported", format };
  return { kind: "unknown" };
}
