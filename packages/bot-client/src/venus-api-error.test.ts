import { describe, expect, it } from "vitest";
import { VenusApiError } from "./venus-api-error.js";

describe("VenusApiError.fromAnswer", () => {
  it("keeps the error's details and takes the wait from them when no Retry-After came (a response frame)", () => {
    const error = VenusApiError.fromAnswer(
      429,
      { error: { code: "daily_like_limit", message: "no likes left", details: { retry_after_seconds: 42 } } },
      undefined,
      "ws chat.send",
    );
    expect(error).toMatchObject({ status: 429, code: "daily_like_limit", retryAfterSeconds: 42 });
    expect(error.details).toEqual({ retry_after_seconds: 42 });
  });

  it("prefers the Retry-After header, and has no details when the body has none", () => {
    const error = VenusApiError.fromAnswer(503, { error: { code: "busy", message: "busy" } }, "7");
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.details).toBeUndefined();
  });

  it("reads typed details such as the current key id", () => {
    const body = {
      error: {
        code: "public_key_outdated",
        message: "",
        details: { field: "recipient_key_id", current_key_id: 3 },
      },
    };
    expect(VenusApiError.fromAnswer(409, body).details).toEqual({
      field: "recipient_key_id",
      current_key_id: 3,
    });
  });
});
