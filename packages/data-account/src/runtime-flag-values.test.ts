import { BotsFile, RUNTIME_FLAG_NAMES, runtimeFlagDefaults, VenusConfig, VenusError } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import { flagName, flagValue } from "./runtime-flag-values.js";

describe("flagName", () => {
  it("accepts each flag and names them all for an unknown one", () => {
    for (const name of RUNTIME_FLAG_NAMES) expect(flagName(name)).toBe(name);
    expect(() => flagName("toString")).toThrow(VenusError);
    expect(() => flagName("nope")).toThrow(`no flag nope; the flags are ${RUNTIME_FLAG_NAMES.join(", ")}`);
  });
});

describe("flagValue", () => {
  it("keeps a value of the flag's type within its config key's bounds", () => {
    expect(flagValue("registration_enabled", false)).toBe(false);
    expect(flagValue("daily_likes", 0)).toBe(0);
    expect(flagValue("local_user_bots", 10_000)).toBe(10_000);
  });

  it("refuses the wrong type and values out of bounds, naming the flag", () => {
    expect(() => flagValue("registration_enabled", "true")).toThrow("registration_enabled: must be boolean");
    expect(() => flagValue("daily_likes", -1)).toThrow("daily_likes: must be >= 0");
    expect(() => flagValue("messages_per_day", 0)).toThrow("messages_per_day: must be >= 1");
    expect(() => flagValue("local_user_bots", 10_001)).toThrow("local_user_bots: must be <= 10000");
    expect(() => flagValue("uploads_per_day", 2.5)).toThrow("uploads_per_day: must be integer");
    expect(() => flagValue("web_min_version", "1.0")).toThrow("web_min_version: must match pattern");
    const refused = (() => {
      try {
        flagValue("daily_pages", null);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toMatchObject({ code: "validation_failed", status: 400 });
  });
});

describe("runtimeFlagDefaults", () => {
  it("takes each flag from its config key, the rule flags from the bots file", () => {
    const env = {
      VENUS_ACCOUNT__REGISTRATION_ENABLED: "false",
      VENUS_BOTS__REMOTE_LOGIN_ENABLED: "false",
      VENUS_BOTS__LOCAL_LOGIN: "true",
      VENUS_BOTS__USERS: "3",
      VENUS_BOTS__MODERATION_BOT: "true",
      VENUS_CHAT__DAILY_LIKES: "4",
      VENUS_CHAT__MESSAGES_PER_DAY: "5",
      VENUS_MEDIA__UPLOADS_PER_DAY: "6",
      VENUS_PROFILE__DAILY_PAGE_RESETS: "7",
      VENUS_PROFILE__DAILY_PAGES: "8",
      VENUS_CLIENTS__ANDROID__MIN_VERSION: "1.2.0",
      VENUS_CLIENTS__IOS__RECOMMENDED_VERSION: "3.4.5",
    };
    const config = loadConfig({ schema: VenusConfig, envPrefix: "VENUS_", env });
    const rules = loadConfig({ schema: BotsFile, envPrefix: "VENUS_BOTS_FILE__", env: {} }).moderation;
    expect(
      runtimeFlagDefaults(config, { ...rules, nudity_reject_above: 0.8, face_image_one_face: true }),
    ).toEqual({
      registration_enabled: false,
      remote_bot_login_enabled: false,
      local_bot_login_enabled: true,
      local_user_bots: 3,
      moderation_bot_enabled: true,
      daily_likes: 4,
      messages_per_day: 5,
      uploads_per_day: 6,
      daily_page_resets: 7,
      daily_pages: 8,
      registrations_per_day: 0,
      registrations_per_day_per_range: 0,
      moderation_nudity_reject_above: 0.8,
      moderation_nudity_accept_below: 0.1,
      moderation_face_image_needs_face: true,
      moderation_face_image_one_face: true,
      moderation_selfie_needs_face: true,
      android_min_version: "1.2.0",
      android_recommended_version: "0.0.0",
      ios_min_version: "0.0.0",
      ios_recommended_version: "3.4.5",
      web_min_version: "0.0.0",
      web_recommended_version: "0.0.0",
      bot_min_version: "0.0.0",
      bot_recommended_version: "0.0.0",
    });
  });
});
