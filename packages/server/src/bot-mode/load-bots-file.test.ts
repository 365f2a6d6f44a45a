import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBotsFile } from "./load-bots-file.js";

const EXAMPLE = fileURLToPath(new URL("../../../../config/bots.toml", import.meta.url));

describe("the bots config file", () => {
  it("config/bots.toml holds exactly the embedded defaults", () => {
    expect(loadBotsFile(EXAMPLE)).toEqual(loadBotsFile(""));
  });
});
