import { createRequire } from "node:module";
import path from "node:path";

/**
 * TensorFlow.js on its WebAssembly backend, shared by both detectors. face-api's `node-wasm` build
 * re-exports the `@tensorflow/tfjs` instance it was loaded with, so nsfwjs (which imports the same
 * package) runs on the same engine and backend. Everything comes from node_modules: the wasm binary
 * from @tensorflow/tfjs-backend-wasm, the weights from nsfwjs and @vladmandic/face-api; nothing is
 * fetched. Loaded once per worker, on the first detector's factory.
 */

const require = createRequire(import.meta.url);

export type FaceApi = typeof import("@vladmandic/face-api");
export type Tf = typeof import("@tensorflow/tfjs");

export interface TfRuntime {
  tf: Tf;
  faceapi: FaceApi;
  /** Folder holding face-api's weight files. */
  faceModelDir: string;
}

let runtime: Promise<TfRuntime> | undefined;

async function load(): Promise<TfRuntime> {
  // CommonJS on purpose: face-api's build requires "@tensorflow/tfjs", and so must we to get its instance.
  const tf = require("@tensorflow/tfjs") as Tf;
  const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js") as FaceApi;
  if (!(await tf.setBackend("wasm"))) throw new Error("the TensorFlow.js wasm backend did not start");
  await tf.ready();
  tf.enableProdMode();
  const faceModelDir = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "model");
  return { tf, faceapi, faceModelDir };
}

export function tfRuntime(): Promise<TfRuntime> {
  runtime ??= load();
  return runtime;
}
