export * from "./test-images.js";
