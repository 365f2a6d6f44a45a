import { compileValidator } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import { VenusConfig } from "./venus-config.js";

const check = compileValidator(VenusConfig, { useDefaults: true });

describe("clients config", () => {
  it("accepts every app version by default", () => {
    const result = check({});
    expect(result.ok && result.value.clients.android).toEqual({
      min_version: "0.0.0",
      recommended_version: "0.0.0",
    });
  });

  it("takes semantic versions and names every key that is not one", () => {
    expect(check({ clients: { ios: { min_version: "2.0.0-rc.1", recommended_version: "2.1.0" } } }).ok).toBe(
      true,
    );
    const result = check({
      clients: { android: { min_version: "1.0" }, web: { recommended_version: "v2.0.0" } },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(["clients.android.min_version", "clients.web.recommended_version"]),
    );
  });
});
