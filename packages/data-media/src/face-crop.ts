import type { FaceCrop } from "@venus/model";

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
