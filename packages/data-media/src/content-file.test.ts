import { describe, expect, it } from "vitest";
import { pickFile } from "./content-file.js";

const files = [1280, 854, 640, 426, 256].map((size) => ({
  size,
  width: size,
  height: size,
  file: `c_${size}.jpg`,
}));

describe("pickFile", () => {
  it("serves the largest file when no size is asked for", () => {
    expect(pickFile(files, undefined)?.size).toBe(1280);
  });

  it("serves the smallest stored size at least as large as asked, edges included", () => {
    expect(pickFile(files, 640)?.size).toBe(640);
    expect(pickFile(files, 641)?.size).toBe(854);
    expect(pickFile(files, 1)?.size).toBe(256);
    expect(pickFile(files, 256)?.size).toBe(256);
  });

  it("serves the largest when every stored size is smaller than asked", () => {
    expect(pickFile(files, 4000)?.size).toBe(1280);
    expect(pickFile(files.slice(2), 700)?.size).toBe(640);
  });

  it("has nothing to serve for content without files", () => {
    expect(pickFile([], 640)).toBeUndefined();
  });
});
