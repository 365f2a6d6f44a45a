import sharp from "sharp";
import { MAX_FACES, type DetectedFace, type ImageAnalysis } from "@venus/model";
import type { DecodedImage, ImageCheck } from "../checks.js";
import { tfRuntime } from "./tf-runtime.js";

/**
 * The `faces` detector: face-api's SSD MobileNet v1 finds faces (boxes, confidence), its 68-point
 * landmark net aligns them and its recognition net (a ResNet-34-like net) gives the largest face a
 * 128-d descriptor for verification. The image is scaled to DETECT_LONG_EDGE first: faces smaller
 * than about 1/20 of the image are not looked for. It never refuses an image itself.
 */

const DETECT_LONG_EDGE = 640;

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export async function faceCheck(minConfidence: number): Promise<ImageCheck> {
  const { tf, faceapi, faceModelDir } = await tfRuntime();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(faceModelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(faceModelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(faceModelDir);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: MAX_FACES });
  return {
    name: "faces",
    async run({ width, height, channels, pixels }: DecodedImage) {
      const { data, info } = await sharp(pixels, { raw: { width, height, channels: channels as 3 } })
        .resize(DETECT_LONG_EDGE, DETECT_LONG_EDGE, { fit: "inside", withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const tensor = tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3], "int32");
      try {
        // face-api's TNetInput types do not name tfjs's Tensor3D, which it accepts (docs: "tf.Tensor3D").
        const found = await faceapi
          .detectAllFaces(tensor as unknown as Parameters<typeof faceapi.detectAllFaces>[0], options)
          .withFaceLandmarks()
          .withFaceDescriptors();
        const faces = found
          .map(({ detection, descriptor }) => {
            const box = detection.relativeBox;
            const [left, top] = [clamp01(box.x), clamp01(box.y)];
            const face: DetectedFace = {
              x: left,
              y: top,
              width: clamp01(box.x + box.width) - left,
              height: clamp01(box.y + box.height) - top,
              score: clamp01(detection.score),
            };
            return { face, descriptor };
          })
          .sort((a, b) => b.face.width * b.face.height - a.face.width * a.face.height);
        const findings: ImageAnalysis = { faces: faces.map(({ face }) => face) };
        if (faces[0]) findings.face_descriptor = Array.from(faces[0].descriptor);
        return { pass: true, findings };
      } finally {
        tensor.dispose();
      }
    },
  };
}
