import sharp from "sharp";
import type { NudityScores } from "@venus/model";
import type { DecodedImage, ImageCheck } from "../checks.js";
import { tfRuntime } from "./tf-runtime.js";

/**
 * The `nudity` detector: nsfwjs's MobileNetV2 (bundled in the package, 224×224 input) scores the
 * whole image in five classes. It never refuses an image itself: the scores go to moderation, where
 * the rules decide (docs/image-worker.md, Detectors).
 */

const INPUT_SIDE = 224;
const CLASS_KEYS = {
  Drawing: "drawing",
  Hentai: "hentai",
  Neutral: "neutral",
  Porn: "porn",
  Sexy: "sexy",
} as const satisfies Record<string, keyof NudityScores>;

export async function nudityCheck(): Promise<ImageCheck> {
  const { tf } = await tfRuntime();
  const nsfwjs = await import("nsfwjs");
  const model = await nsfwjs.load("MobileNetV2", { size: INPUT_SIDE });
  return {
    name: "nudity",
    async run({ width, height, channels, pixels }: DecodedImage) {
      // Squashed, not cropped: content at the edges counts too.
      const input = await sharp(pixels, { raw: { width, height, channels: channels as 3 } })
        .resize(INPUT_SIDE, INPUT_SIDE, { fit: "fill" })
        .raw()
        .toBuffer();
      const tensor = tf.tensor3d(new Uint8Array(input), [INPUT_SIDE, INPUT_SIDE, 3], "int32");
      try {
        const predictions = await model.classify(tensor, 5);
        const scores: NudityScores = { drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0 };
        // nsfwjs's own typing of className does not resolve under NodeNext; the five names are above.
        for (const { className, probability } of predictions)
          scores[CLASS_KEYS[className as keyof typeof CLASS_KEYS]] = probability;
        return { pass: true, findings: { nudity: scores } };
      } finally {
        tensor.dispose();
      }
    },
  };
}
