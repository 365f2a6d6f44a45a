/**
 * Which sizes to encode for a source image, without ever upscaling. Pure, no I/O.
 *
 * Each configured long-edge size no larger than the source is encoded as configured. Of the sizes
 * larger than the source, only the smallest is kept, capped at the source's own long edge (unless a
 * configured size equals it), so that the largest size a client can ask for is the full-resolution
 * image and no two files are the same.
 */

export interface PlannedOutput {
  /** The configured size this output stands for. */
  size: number;
  /** The long edge to encode at: `size`, or the source's long edge when `size` is larger. */
  longEdge: number;
}

export function planOutputs(
  sourceWidth: number,
  sourceHeight: number,
  sizes: readonly number[],
): PlannedOutput[] {
  const sourceLongEdge = Math.max(sourceWidth, sourceHeight);
  const sorted = [...new Set(sizes)].sort((a, b) => b - a);
  const capped = sorted.includes(sourceLongEdge)
    ? undefined
    : sorted.filter((size) => size > sourceLongEdge).at(-1);
  const plan: PlannedOutput[] = capped === undefined ? [] : [{ size: capped, longEdge: sourceLongEdge }];
  for (const size of sorted) if (size <= sourceLongEdge) plan.push({ size, longEdge: size });
  return plan;
}
