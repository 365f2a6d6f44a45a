import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TESTING_ALLOWED_ENV } from "@venus/model";
import { request } from "./http-client.js";

/** What a server with `[testing] clock` needs in its environment. */
export const TESTING_ENV = { [TESTING_ALLOWED_ENV]: "1" };

export const HOUR_S = 3600;
export const DAY_S = 24 * HOUR_S;

/**
 * Moves the server's test clock forward (`POST /testing/clock` on its admin listener, with the token
 * from `<data_dir>/admin.token`) and answers its new time; 0 seconds only reads it.
 */
export async function advanceClock(server: { dataDir: string }, seconds: number): Promise<number> {
  const file = JSON.parse(readFileSync(join(server.dataDir, "data", "admin.token"), "utf8")) as {
    port: number;
    token: string;
  };
  const reply = await request<{ now: number }>(`http://127.0.0.1:${file.port}`, "POST", "/testing/clock", {
    body: { advance_seconds: seconds },
    token: file.token,
  });
  if (reply.status !== 200) throw new Error(`the test clock refused: ${JSON.stringify(reply.body)}`);
  return reply.body.now;
}

/** Moves the clock to `iso` (which must not be in its past). */
export async function setClockTo(server: { dataDir: string }, iso: string): Promise<number> {
  const now = await advanceClock(server, 0);
  return advanceClock(server, Math.max(0, (Date.parse(iso) - now) / 1000));
}
