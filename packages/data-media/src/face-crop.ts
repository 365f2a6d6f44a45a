import type { DetectedFace, FaceCrop } from "@venus/model";

/** Rounding slack when a client computed the fractions from pixels. */
const EPSILON = 1e-6;

/** Whether the square fits inside a `width × height` image. */
export function cropFits(crop: FaceCrop, width: number, height: number): boolean {
  const side = crop.size * Math.min(width, height);
  return crop.x * width + side <= width * (1 + EPSILON) && crop.y * height + side <= height * (1 + EPSILON);
}

/** The largest centred square: the grid image when the owner chose no crop. */
export function centredCrop(width: number, height: number): FaceCrop {
  const side = Math.min(width, height);
  return { x: (width - side) / 2 / width, y: (height - side) / 2 / height, size: 1 };
}

/** The square side, in face-box sizes: the whole head with some shoulders, as a portrait is framed. */
const FACE_MARGIN = 2.5;

/**
 * The grid square around a detected face (the largest, from the faces detector): centred on the face,
 * FACE_MARGIN times its larger side, shifted (never shrunk below the face) to stay inside the image.
 */
export function cropAroundFace(face: DetectedFace, width: number, height: number): FaceCrop {
  const short = Math.min(width, height);
  const side = Math.min(short, FACE_MARGIN * Math.max(face.width * width, face.height * height));
  const clamp = (start: number, extent: number) => Math.min(Math.max(0, start), extent - side);
  const left = clamp((face.x + face.width / 2) * width - side / 2, width);
  const top = clamp((face.y + face.height / 2) * height - side / 2, height);
  return { x: left / width, y: top / height, size: side / short };
}
