import { expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import type { HttpResult } from "../testing/http-client.js";
import {
  as,
  browseNext,
  browseReset,
  closeAll,
  itemOf,
  menAt,
  NEAR,
  region,
  womanAt,
  wsRequest,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const PAGE_SIZE = 2;
const DAILY_RESETS = 3;
const DAILY_PAGES = 4;

const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    profile: { page_size: PAGE_SIZE, daily_page_resets: DAILY_RESETS, daily_pages: DAILY_PAGES },
  },
});

/** `429 rate_limited` with a Retry-After of the seconds until the next UTC day. */
function expectLimitedUntilTomorrow(result: HttpResult<unknown>): void {
  expectError(result, 429, "rate_limited");
  const retryAfter = Number(result.headers.get("retry-after"));
  const untilTomorrow = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
  expect(Math.abs(retryAfter - untilTomorrow)).toBeLessThanOrEqual(2);
}

test("a page holds page_size profiles", async () => {
  const origin = region(0);
  const viewer = await womanAt(fixture.server, origin);
  const [a, b, c] = await menAt(fixture.server, origin, [10, 20, 30]);
  const session = await browseReset(fixture.server, viewer, { filters: NEAR });
  expect(await browseNext(fixture.server, viewer, session)).toEqual({
    profiles: [itemOf(a, 10), itemOf(b, 20)],
    done: false,
  });
  expect(await browseNext(fixture.server, viewer, session)).toEqual({
    profiles: [itemOf(c, 30)],
    done: true,
  });
  closeAll([viewer, a, b, c]);
});

test("daily resets: the limit passes, one more is rate_limited until the next UTC day", async () => {
  const origin = region(1);
  const viewer = await womanAt(fixture.server, origin);
  const other = await womanAt(fixture.server, origin);
  const [man] = await menAt(fixture.server, origin, [10]);
  const api = as(fixture.server, viewer);

  // Refused resets use up nothing.
  expectError(
    await api.post("/profile/page/reset", { filters: { min_distance_km: 20, max_distance_km: 10 } }),
    400,
    "validation_failed",
  );
  expectError(
    await api.post("/profile/page/reset", { filters: { attributes: [{ attribute_id: 999 }] } }),
    400,
    "validation_failed",
  );
  await browseReset(fixture.server, viewer, { filters: NEAR });
  const overWs = await wsRequest(viewer.ws, "profile.page.reset", { filters: NEAR });
  expect(overWs.status).toBe(200);
  const last = await browseReset(fixture.server, viewer, { filters: NEAR });

  expectLimitedUntilTomorrow(await api.post("/profile/page/reset", { filters: NEAR }));
  const refusedWs = await wsRequest(viewer.ws, "profile.page.reset", {});
  expect(refusedWs.status).toBe(429);
  // A response frame has no Retry-After header: the wait is in the details.
  expect(refusedWs.body).toEqual({
    error: {
      code: "rate_limited",
      message: expect.any(String),
      details: { retry_after_seconds: expect.any(Number) },
    },
  });

  // The last session goes on; the limit is per account.
  expect(await browseNext(fixture.server, viewer, last)).toEqual({ profiles: [itemOf(man, 10)], done: true });
  await browseReset(fixture.server, other, { filters: NEAR });
  closeAll([viewer, other, man]);
});

test("daily pages: the limit passes, one more is rate_limited until the next UTC day", async () => {
  const origin = region(2);
  const viewer = await womanAt(fixture.server, origin);
  const men = await menAt(fixture.server, origin, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]);
  const api = as(fixture.server, viewer);
  const next = (sessionId: string) => api.post("/profile/page/next", { session_id: sessionId });

  const first = await browseReset(fixture.server, viewer, { filters: NEAR });
  expect((await next(first)).status).toBe(200);
  const session = await browseReset(fixture.server, viewer, { filters: NEAR });
  // Refused pages use up nothing.
  expectError(await next(first), 409, "browse_session_expired");
  expectError(await api.post("/profile/page/next", {}), 400, "validation_failed");
  const pages = [await next(session), await next(session)];
  const overWs = await wsRequest(viewer.ws, "profile.page.next", { session_id: session });
  expect(overWs.status).toBe(200);
  expect(pages.map((p) => p.status)).toEqual([200, 200]);
  expect([...pages.map((p) => p.body), overWs.body]).toEqual([
    { profiles: [itemOf(men[0], 10), itemOf(men[1], 20)], done: false },
    { profiles: [itemOf(men[2], 30), itemOf(men[3], 40)], done: false },
    { profiles: [itemOf(men[4], 50), itemOf(men[5], 60)], done: false },
  ]);

  expectLimitedUntilTomorrow(await next(session));
  const refusedWs = await wsRequest(viewer.ws, "profile.page.next", { session_id: session });
  expect(refusedWs.status).toBe(429);
  expect(refusedWs.body).toMatchObject({ error: { code: "rate_limited" } });
  // A reset is still allowed (its own limit), but no page of it is.
  const fresh = await browseReset(fixture.server, viewer, { filters: NEAR });
  expectLimitedUntilTomorrow(await next(fresh));
  closeAll([viewer, ...men]);
});
