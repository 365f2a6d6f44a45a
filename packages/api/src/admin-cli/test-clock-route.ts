import { TestClockRequest } from "@venus/model";
import type { HttpRequestContext, HttpServer, SettableClock } from "@venus/simple-backend";
import { parseJson, validate } from "../parse-body.js";

/**
 * `POST /testing/clock {"advance_seconds": n}` moves the test clock forward and answers `{now}`; the
 * body `{}` only reads it. Mounted on the admin listener, only when the config set a test clock.
 */
export function mountTestClockRoute(
  http: HttpServer,
  clock: SettableClock,
  authorize: (request: HttpRequestContext) => void,
): void {
  http.route("post", "/testing/clock", (request) => {
    authorize(request);
    const body = validate(TestClockRequest, request.body.length === 0 ? {} : parseJson(request.body, 8));
    const now = body.advance_seconds ? clock.advance(body.advance_seconds * 1000) : clock.now();
    return { status: 200, body: { now } };
  });
}
