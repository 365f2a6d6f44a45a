import sharp from "sharp";
import { randomInt } from "./seeded-random.js";

export interface GeneratedImageOptions {
  /** Default: random in 800–1024 px. */
  width?: number;
  /** Default: random in 800–1024 px. */
  height?: number;
  /** Default 85. */
  quality?: number;
}

const colour = (random: () => number) =>
  `#${[0, 0, 0].map(() => randomInt(random, 0, 255).toString(16).padStart(2, "0")).join("")}`;

const fixed = (value: number) => value.toFixed(1);

/** One random shape (circle, ellipse, rectangle or triangle) in a `width × height` picture. */
function shape(random: () => number, width: number, height: number): string {
  const x = () => fixed(random() * width);
  const y = () => fixed(random() * height);
  const size = Math.min(width, height);
  const r = () => fixed(size * (0.05 + random() * 0.3));
  const style = `fill="${colour(random)}" fill-opacity="${(0.45 + random() * 0.5).toFixed(2)}"`;
  switch (randomInt(random, 0, 3)) {
    case 0:
      return `<circle cx="${x()}" cy="${y()}" r="${r()}" ${style}/>`;
    case 1:
      return `<ellipse cx="${x()}" cy="${y()}" rx="${r()}" ry="${r()}" transform="rotate(${fixed(random() * 180)} ${fixed(width / 2)} ${fixed(height / 2)})" ${style}/>`;
    case 2:
      return `<rect x="${x()}" y="${y()}" width="${r()}" height="${r()}" rx="${fixed(random() * 20)}" ${style}/>`;
    default:
      return `<polygon points="${x()},${y()} ${x()},${y()} ${x()},${y()}" ${style}/>`;
  }
}

/** The SVG source of a random picture: a two-colour gradient with 8–20 shapes on it. */
export function randomSvg(random: () => number, width: number, height: number): string {
  const shapes = Array.from({ length: randomInt(random, 8, 20) }, () => shape(random, width, height));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="${fixed(random())}" y2="1">`,
    `<stop offset="0" stop-color="${colour(random)}"/><stop offset="1" stop-color="${colour(random)}"/>`,
    `</linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    ...shapes,
    `</svg>`,
  ].join("");
}

/**
 * A picture for a bot's profile: random colours and shapes drawn from an SVG and encoded as a JPEG,
 * at least 800 px a side by default (the server refuses a side under `media.min_side`, 512, and
 * long thin images), made locally so nothing is downloaded.
 */
export async function generateBotImage(
  random: () => number = Math.random,
  options: GeneratedImageOptions = {},
): Promise<Buffer> {
  const width = options.width ?? randomInt(random, 800, 1024);
  const height = options.height ?? randomInt(random, 800, 1024);
  return sharp(Buffer.from(randomSvg(random, width, height)))
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: options.quality ?? 85 })
    .toBuffer();
}
