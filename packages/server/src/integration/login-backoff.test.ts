import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectWait, freshAddress, loginFrom, startBackoffServer } from "../testing/backoff-server.js";
import { PASSWORD, register, uniqueEmail } from "../testing/sign-in.js";

// Two free failures per account and three per address, then waits of 1 s, 2 s, 2 s (the cap).
let running: Awaited<ReturnType<typeof startBackoffServer>>;
beforeAll(async () => {
  running = await startBackoffServer({
    free_failures: 2,
    free_failures_per_address: 3,
    first_delay_seconds: 1,
    max_delay_seconds: 2,
  });
});
afterAll(() => running?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const login = (email: string, password: string, address?: string) =>
  loginFrom(running.server, email, password, address);
const registered = () => register(running.server, uniqueEmail("backoff"));

describe("failed logins back off", () => {
  test("per account, from any address: free failures, then 1 s, 2 s, capped at 2 s; a success starts over", async () => {
    const email = await registered();
    for (let i = 0; i < 3; i++) expect((await login(email, "wrong password")).status).toBe(401);
    // Even the right password waits, from an address never seen: the account is held, not the address.
    expectWait(await login(email, PASSWORD), 1);
    await sleep(1100);
    expect((await login(email, "wrong password")).status).toBe(401);
    expectWait(await login(email, PASSWORD), 1, 2);
    await sleep(2100);
    expect((await login(email, "wrong password")).status).toBe(401);
    expectWait(await login(email, PASSWORD), 1, 2);
    await sleep(2100);
    expect((await login(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(email, "wrong password")).status).toBe(401);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });

  test("per address, across accounts", async () => {
    const address = freshAddress();
    for (let i = 0; i < 4; i++)
      expect((await login(uniqueEmail(), "wrong password", address)).status).toBe(401);
    expectWait(await login(await registered(), PASSWORD, address), 1);
    expect((await login(await registered(), PASSWORD)).status).toBe(200);
  });
});
