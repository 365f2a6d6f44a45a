import type { ContentSize } from "@venus/model";
import type { Content } from "../media-entities.js";

export const sizesOf = (content: Content): ContentSize[] =>
  content.files.map(({ size, width, height }) => ({ size, width, height }));
