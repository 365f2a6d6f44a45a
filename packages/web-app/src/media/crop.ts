import type { FaceCrop } from "@venus/model";

/** The crop editor's three sliders: zoom (the square's side) and where it sits in the free room. */
export interface CropSliders {
  size: number;
  panX: number;
  panY: number;
}

/** The stored crop for an image of `width`×`height`: always a square inside the image. */
export function cropOf({ size, panX, panY }: CropSliders, width: number, height: number): FaceCrop {
  const side = size * Math.min(width, height);
  const round = (n: number) => Math.round(n * 10000) / 10000;
  return {
    x: round((panX * (width - side)) / width),
    y: round((panY * (height - side)) / height),
    size: round(size),
  };
}

/** The sliders that give back a stored crop (centred when there is none). */
export function slidersOf(crop: FaceCrop | null, width: number, height: number): CropSliders {
  if (!crop) return { size: 1, panX: 0.5, panY: 0.5 };
  const side = crop.size * Math.min(width, height);
  const free = (total: number, at: number) => (total - side > 0 ? (at * total) / (total - side) : 0.5);
  return { size: crop.size, panX: free(width, crop.x), panY: free(height, crop.y) };
}
