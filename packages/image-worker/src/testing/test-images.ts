import { crc32 } from "node:zlib";
import sharp from "sharp";
import type { ImageWorkerSettings } from "@venus/model";

/** Images for tests, generated with sharp (never downloaded). */

export const TEST_SETTINGS: ImageWorkerSettings = {
  type: "settings",
  sizes: [1280, 854, 640, 426, 256],
  jpeg_quality: 85,
  max_pixels: 40_000_000,
  min_side: 512,
  checks: { max_aspect_ratio: 3, detectors: [], face_min_confidence: 0.5 },
};

/** A solid image with a red block in the top-left corner, so orientation can be checked. */
function base(width: number, height: number) {
  const marker = { width: Math.round(width / 4), height: Math.round(height / 4) };
  return sharp({ create: { width, height, channels: 3, background: "#2040c0" } }).composite([
    {
      input: { create: { ...marker, channels: 3, background: "#ff0000" } },
      top: 0,
      left: 0,
    },
  ]);
}

export const jpeg = (width: number, height: number) => base(width, height).jpeg().toBuffer();
export const png = (width: number, height: number) => base(width, height).png().toBuffer();
export const webp = (width: number, height: number) => base(width, height).webp().toBuffer();
export const gif = (width: number, height: number) => base(width, height).gif().toBuffer();

/** A JPEG whose EXIF says "rotate 90° clockwise to display" and carries a GPS position. */
export const jpegWithOrientationAndGps = (width: number, height: number) =>
  base(width, height)
    .jpeg()
    .withExif({
      IFD0: { Make: "VenusCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSMapDatum: "VENUSGPS" },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();

/** A small valid PNG whose header claims `width × height`: a decompression bomb's header. */
export async function pngWithClaimedSize(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await png(16, 16));
  // Signature (8) + IHDR length (4) + "IHDR" (4): width at 16, height at 20, CRC over type+data at 29.
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}
