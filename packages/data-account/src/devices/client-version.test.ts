import { describe, expect, it } from "vitest";
import { judgeVersion } from "./client-version.js";

describe("judgeVersion", () => {
  it("refuses a version below the minimum, naming the minimum; the minimum itself is accepted", () => {
    expect(judgeVersion("1.9.9", "2.0.0", "2.0.0")).toEqual({
      verdict: "update_required",
      min_version: "2.0.0",
    });
    expect(judgeVersion("2.0.0", "2.0.0", "2.0.0")).toEqual({ verdict: "current" });
  });

  it("compares numerically, not as text, and a pre-release is older than its release", () => {
    expect(judgeVersion("1.10.0", "1.9.0", "1.9.0")).toEqual({ verdict: "current" });
    expect(judgeVersion("2.0.0-beta.1", "2.0.0", "2.0.0").verdict).toBe("update_required");
    expect(judgeVersion("2.0.0+build.7", "2.0.0", "2.0.0").verdict).toBe("current");
  });

  it("tells a version between the minimum and the recommended one that an update is available", () => {
    expect(judgeVersion("1.5.0", "1.0.0", "1.6.0")).toEqual({
      verdict: "update_available",
      recommended_version: "1.6.0",
    });
    expect(judgeVersion("1.6.0", "1.0.0", "1.6.0")).toEqual({ verdict: "current" });
  });

  it("calls anything that is not a strict semantic version invalid", () => {
    for (const bad of ["", "1", "1.2", "v1.2.3", "1.2.3.4", "01.2.3", "latest", " 1.2.3"])
      expect(judgeVersion(bad, "0.0.0", "0.0.0"), bad).toEqual({ verdict: "invalid" });
  });

  it("judges a version again when the flags change, and past the memo's size", () => {
    expect(judgeVersion("1.2.3", "1.0.0", "1.0.0")).toEqual({ verdict: "current" });
    expect(judgeVersion("1.2.3", "1.3.0", "1.3.0").verdict).toBe("update_required");
    for (let i = 0; i < 300; i++) expect(judgeVersion(`1.${i}.0`, "1.100.0", "1.200.0").verdict).toBeTruthy();
    expect(judgeVersion("1.2.3", "1.0.0", "1.0.0")).toEqual({ verdict: "current" });
    expect(judgeVersion("1.150.0", "1.100.0", "1.200.0").verdict).toBe("update_available");
  });
});
