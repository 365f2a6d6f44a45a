export { runImageWorker } from "./worker-main.js";
export { processImage, type ProcessJob, type ProcessResult } from "./process-image.js";
export {
  aspectRatioCheck,
  createChecks,
  runChecks,
  type DecodedImage,
  type ImageCheck,
  type CheckResult,
} from "./checks.js";
export { detectFormat, type AcceptedFormat, type DetectedFormat } from "./detect-format.js";
export { planOutputs, type PlannedOutput } from "./output-sizes.js";
