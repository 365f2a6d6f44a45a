import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type VenusClient } from "@venus/bot-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CONFIG_ERROR_EXIT_CODE } from "../load-server-config.js";
import { signUpAndSetUp } from "../scenarios/steps/people.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { postFrom } from "../testing/http-from.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";
import { newDataDir, startServer, type RunningServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "safeguards-root@example.com";
const listsDir = newDataDir();
const blockFile = join(listsDir, "blocked.txt");
const disposableFile = join(listsDir, "disposable.txt");
writeFileSync(blockFile, "# spam sources\nspam.test\n");
writeFileSync(disposableFile, "throwaway.test\n");

// Root signs up from 127.0.0.1: the tests register from other /24 ranges of the loopback network.
const fixture = useServer({
  config: {
    admin: { grant_email: ROOT_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    registration: {
      email_domain_block: ["blocked.test"],
      email_domain_block_file: blockFile,
      disposable_domains_file: disposableFile,
      daily_cap_per_range: 2,
    },
  },
});

let root: VenusClient;
beforeAll(async () => {
  root = (
    await signUpAndSetUp(fixture.server.url, {
      name: "Root",
      gender: "man",
      lookingFor: ["woman"],
      email: ROOT_EMAIL,
    })
  ).client;
});
afterAll(async () => {
  await root?.close();
});

function registerFrom(address: string, email = uniqueEmail("safe")) {
  return postFrom(address, fixture.server.url, "/account/register", { email, password: PASSWORD });
}

const codeOf = (answer: { body: unknown }) => (answer.body as { error: { code: string } }).error.code;

describe("registration safeguards", () => {
  test("blocked domains (flag and file, with subdomains) and disposable addresses are refused with their codes", async () => {
    const from = "127.0.4.5";
    for (const email of ["a@blocked.test", "a@mx.blocked.test", "a@spam.test"]) {
      const answer = await registerFrom(from, email);
      expect([answer.status, codeOf(answer)]).toEqual([403, "email_domain_not_allowed"]);
    }
    const disposable = await registerFrom(from, "a@throwaway.test");
    expect([disposable.status, codeOf(disposable)]).toEqual([403, "disposable_email"]);
    // The refusals did not use the address range's two registrations of the day.
    expect((await registerFrom(from, "a@notblocked.test")).status).toBe(201);
    expect((await registerFrom(from)).status).toBe(201);
  });

  test("the daily cap per address range: the third registration from one /24 is 429 until UTC midnight", async () => {
    expect((await registerFrom("127.0.1.5")).status).toBe(201);
    expect((await registerFrom("127.0.1.6")).status).toBe(201);
    const third = await registerFrom("127.0.1.7");
    expect([third.status, codeOf(third)]).toEqual([429, "registration_cap_reached"]);
    const wait = (third.body as { error: { details: { retry_after_seconds: number } } }).error.details
      .retry_after_seconds;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(86_400);
    expect(third.headers["retry-after"]).toBe(String(wait));
    expect((await registerFrom("127.0.2.5")).status).toBe(201);
  });

  test("the overall daily cap is a runtime flag: at the cap the next is refused, raising it lets one more in", async () => {
    // Today so far: root, two from 127.0.4.x, two from 127.0.1.x, one from 127.0.2.x.
    await root.admin.setFlag("registrations_per_day", 7);
    expect((await registerFrom("127.0.3.5")).status).toBe(201);
    const over = await registerFrom("127.0.5.5");
    expect([over.status, codeOf(over)]).toEqual([429, "registration_cap_reached"]);
    await root.admin.setFlag("registrations_per_day", 8);
    expect((await registerFrom("127.0.5.5")).status).toBe(201);
    await root.admin.setFlag("registrations_per_day_per_range", 0);
    await root.admin.setFlag("registrations_per_day", 0);
    expect((await registerFrom("127.0.1.8")).status).toBe(201);
  });
});

describe("an email domain allow list", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const allowFile = join(listsDir, "allowed.txt");
    writeFileSync(allowFile, "uni.test\n");
    server = await startServer({
      config: { registration: { email_domain_allow: ["example.com"], email_domain_allow_file: allowFile } },
    });
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  test("only its domains (from the flag or the file, with subdomains) register", async () => {
    const post = (email: string) =>
      postFrom("127.0.0.1", server.url, "/account/register", { email, password: PASSWORD });
    expect((await post("a@example.com")).status).toBe(201);
    expect((await post("a@cs.uni.test")).status).toBe(201);
    const other = await post("a@elsewhere.test");
    expect([other.status, codeOf(other)]).toEqual([403, "email_domain_not_allowed"]);
  });

  test("a list file with a line that is no domain stops the server at start-up (config error)", async () => {
    const bad = join(listsDir, "bad.txt");
    writeFileSync(bad, "fine.test\nnot a domain\n");
    await expect(startServer({ config: { registration: { disposable_domains_file: bad } } })).rejects.toThrow(
      new RegExp(String.raw`exited \(${CONFIG_ERROR_EXIT_CODE}\)[\s\S]*line 2: not a domain`),
    );
  });
});
