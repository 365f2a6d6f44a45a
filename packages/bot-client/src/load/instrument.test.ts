import { describe, expect, test } from "vitest";
import { VenusApiError } from "../venus-api-error.js";
import { VenusSocketError } from "../venus-socket.js";
import { routeTemplate } from "./instrument.js";
import { LoadObserver, errorCode } from "./load-observer.js";

describe("routeTemplate", () => {
  test("replaces ids so that one route is one row", () => {
    expect(routeTemplate("/chat/public_key/0b3f6c8e-1d2a-4c5b-9e7f-123456789abc")).toBe(
      "/chat/public_key/:id",
    );
    expect(routeTemplate("/media/content/0B3F6C8E-1D2A-4C5B-9E7F-123456789ABC/17")).toBe(
      "/media/content/:id/:id",
    );
    expect(routeTemplate("/media/upload/42?wait=1")).toBe("/media/upload/:id");
    expect(routeTemplate("/profile/me")).toBe("/profile/me");
    expect(routeTemplate("/chat/messages/sent/ack")).toBe("/chat/messages/sent/ack");
  });
});

describe("errorCode", () => {
  test("an answer: status and code; no answer: the transport's code", () => {
    expect(errorCode(new VenusApiError(429, "rate_limited", "slow down"))).toBe("429 rate_limited");
    expect(errorCode(new VenusSocketError("timeout", "no answer"))).toBe("timeout");
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(errorCode(new TypeError("fetch failed", { cause: refused }))).toBe("ECONNREFUSED");
    expect(errorCode(new DOMException("aborted", "TimeoutError"))).toBe("timeout");
    expect(errorCode(new RangeError("odd"))).toBe("RangeError");
    expect(errorCode("a string")).toBe("unknown_error");
  });
});

describe("LoadObserver", () => {
  test("counts each request in its phase, and a caught failure only when no request counted it", async () => {
    const observer = new LoadObserver();
    await observer.timed(
      "GET /a",
      async () => ({ status: 200 }),
      () => undefined,
    );
    observer.phase = "measured";
    await observer.timed(
      "GET /a",
      async () => ({ status: 404 }),
      () => "404 not_found",
    );
    const lost = new VenusSocketError("connection_closed", "closed");
    await expect(
      observer.timed(
        "ws chat.send",
        () => Promise.reject(lost),
        () => undefined,
      ),
    ).rejects.toBe(lost);
    observer.failure(lost); // counted by its request already
    observer.failure(new VenusApiError(404, "not_found", "")); // answers are always counted by their request
    observer.failure(new Error("not a request's"));
    observer.phase = "done";
    await observer.timed(
      "GET /a",
      async () => ({ status: 200 }),
      () => undefined,
    );

    expect(observer.setup.requests).toBe(1);
    expect(observer.measured.requests).toBe(2);
    expect(Object.fromEntries(observer.measured.errors)).toEqual({
      "404 not_found": 1,
      connection_closed: 1,
      Error: 1,
    });
  });
});
