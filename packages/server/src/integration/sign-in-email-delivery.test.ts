import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { describe, expect, test, vi } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { codeIn, expectMail, requestCode, smtpTo, verifyCode } from "../testing/email-flow.js";
import { logLines } from "../testing/media-disk.js";
import { sleep } from "../testing/profile-flow.js";
import { register, uniqueEmail } from "../testing/sign-in.js";
import { newDataDir, startServer, type RunningServer } from "../testing/spawn-server.js";

const FLOOR_MS = 400;

async function timed<T>(work: Promise<T>): Promise<{ ms: number; answer: T }> {
  const started = performance.now();
  const answer = await work;
  return { ms: performance.now() - started, answer };
}

/** Waits until the server has logged `msg` for `to` at least `count` times. */
async function logged(server: RunningServer, msg: string, count = 1, where: Record<string, unknown> = {}) {
  await vi.waitFor(
    () => {
      const matching = logLines(server, msg).filter((line) =>
        Object.entries(where).every(([key, value]) => line[key] === value),
      );
      expect(matching.length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 20_000, interval: 50 },
  );
  return logLines(server, msg);
}

describe("answers that do not tell whether an address has an account", () => {
  test("with registration closed, both email routes answer alike, no sooner than sign_in.email_response_ms; the limits per address and per email at their edges", async () => {
    const sink = await startSmtpSink();
    const dataDir = newDataDir();
    const config = (registration: boolean) => ({
      account: { registration_enabled: registration },
      email: smtpTo(sink.port),
      sign_in: { email_response_ms: FLOOR_MS },
      rate_limits: {
        ...GENEROUS_RATE_LIMITS,
        email_code_per_email: { limit: 2, window_seconds: 600 },
        email_code_per_ip: { limit: 5, window_seconds: 600 },
        email_code_verify_per_ip: { limit: 3, window_seconds: 600 },
      },
    });
    // An account made while registration was open; then the server starts with it closed.
    const open = await startServer({ config: config(true), dataDir });
    const member = await register(open, uniqueEmail("member"));
    await open.stop();
    const server = await startServer({ config: config(false), dataDir });
    try {
      const stranger = uniqueEmail("stranger");
      const mail = expectMail(sink, member, /sign-in code/);
      const known = await timed(requestCode(server, member));
      const unknown = await timed(requestCode(server, stranger));
      for (const { ms, answer } of [known, unknown]) {
        expect(ms).toBeGreaterThanOrEqual(FLOOR_MS - 5);
        expect(answer.status).toBe(200);
        expect(Object.keys(answer.body).sort()).toEqual(["client_token", "expires_in_seconds"]);
        expect(answer.body.client_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }
      const code = codeIn(await mail);
      const wrongToken = await timed(verifyCode(server, unknown.answer.body.client_token, code));
      expect(wrongToken.ms).toBeGreaterThanOrEqual(FLOOR_MS - 5);
      expectError(wrongToken.answer, 401, "invalid_code");
      const right = await timed(verifyCode(server, known.answer.body.client_token, code));
      expect(right.ms).toBeGreaterThanOrEqual(FLOOR_MS - 5);
      expect(right.answer.status).toBe(200);
      // Nothing went to the address without an account.
      expect(sink.mails.filter((sent) => sent.to.includes(stranger))).toEqual([]);

      // rate_limits.email_code_per_email (2): the second request for the member passes, the third does not.
      expect((await requestCode(server, member)).status).toBe(200);
      const perEmail = await requestCode(server, member);
      expectError(perEmail, 429, "rate_limited");
      expect(Number(perEmail.headers.get("retry-after"))).toBeGreaterThan(500);
      // rate_limits.email_code_per_ip (5): four taken so far (the refused one counted first); one more passes.
      expect((await requestCode(server, uniqueEmail("fifth"))).status).toBe(200);
      expectError(await requestCode(server, uniqueEmail("sixth")), 429, "rate_limited");
      // rate_limits.email_code_verify_per_ip (3): two taken; the third is judged, the fourth refused.
      expectError(await verifyCode(server, "some-token", "123456"), 401, "invalid_code");
      expectError(await verifyCode(server, "some-token", "123456"), 429, "rate_limited");
    } finally {
      await server.stop();
      server.cleanup();
      await sink.close();
    }
  }, 60_000);
});

describe("sending mail", () => {
  test("a mail waits while the SMTP server is down and is sent when it is back; email.max_queued; a queued mail and its code survive kill -9", async () => {
    const port = await freePort();
    const config = {
      email: { ...smtpTo(port), max_queued: 1 },
      sign_in: { email_response_ms: 0 },
      rate_limits: GENEROUS_RATE_LIMITS,
    };
    const first = await startServer({ config });
    let second: RunningServer | undefined;
    let sink: SmtpSink | undefined;
    try {
      const early = uniqueEmail("early");
      const earlyStart = await requestCode(first, early);
      expect(earlyStart.status).toBe(200);
      await logged(first, "mail send failed");
      // One mail waits: email.max_queued (1) is reached, so a request that would mail is refused.
      expectError(await requestCode(first, uniqueEmail("refused")), 503, "busy");

      const back = await startSmtpSink({ port });
      const earlyMail = await back.waitFor((mail) => mail.to.includes(early));
      expect((await verifyCode(first, earlyStart.body.client_token, codeIn(earlyMail))).status).toBe(200);
      await back.close();

      const late = uniqueEmail("late");
      const lateStart = await requestCode(first, late);
      expect(lateStart.status).toBe(200);
      await logged(first, "mail send failed", 2);
      first.process.kill("SIGKILL");
      await first.exited;

      sink = await startSmtpSink({ port });
      second = await startServer({ config, dataDir: first.dataDir });
      const lateMail = await sink.waitFor((mail) => mail.to.includes(late));
      const signedIn = await verifyCode(second, lateStart.body.client_token, codeIn(lateMail));
      expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
      expect(signedIn.body.registered).toBe(true);
      // Sent once: the queue is empty afterwards.
      await sleep(500);
      expect(sink.mails.filter((mail) => mail.to.includes(late))).toHaveLength(1);
    } finally {
      await second?.stop();
      await first.stop();
      first.cleanup();
      await sink?.close();
    }
  }, 90_000);

  test("with no SMTP server (the default), mails are written under the data directory and logged; codes expire", async () => {
    const server = await startServer({
      config: {
        sign_in: { email_response_ms: 0, email_code_ttl_minutes: 0.05 },
        rate_limits: GENEROUS_RATE_LIMITS,
      },
    });
    try {
      const email = uniqueEmail("folder");
      const started = await requestCode(server, email);
      const [line] = (await logged(server, "mail written to folder", 1, { to: email })).filter(
        (entry) => entry.to === email,
      );
      const code = codeIn({ text: String(line?.text) });
      const folder = join(server.dataDir, "data", "mail");
      const files = readdirSync(folder).filter((name) => name.endsWith(".eml"));
      expect(files).toHaveLength(1);
      expect(readFileSync(join(folder, files[0] as string), "utf8")).toContain(code);
      expect(line?.file).toBe(join(folder, files[0] as string));
      expect((await verifyCode(server, started.body.client_token, code)).status).toBe(200);

      // email_code_ttl_minutes (0.05: 3 s): a code used after its time is refused.
      const later = await requestCode(server, email);
      await logged(server, "mail written to folder", 2, { to: email });
      const laterCode = codeIn({ text: String(logLines(server, "mail written to folder").at(-1)?.text) });
      await sleep(3200);
      expectError(await verifyCode(server, later.body.client_token, laterCode), 401, "invalid_code");
    } finally {
      await server.stop();
      server.cleanup();
    }
  }, 60_000);

  test("a templates file with an unknown placeholder or a missing mail stops the server (exit 2), naming each problem", async () => {
    const dataDir = newDataDir();
    const file = join(dataDir, "templates.toml");
    writeFileSync(
      file,
      [
        "[en.email_login_code]",
        'subject = "Code {{code}}"',
        'text = "Hello {{name}}, your code: {{code}}"',
      ].join("\n"),
    );
    const failed = startServer({ config: { email: { templates_file: file } }, dataDir });
    const error = await failed.then(
      () => new Error("the server started"),
      (reason: Error) => reason,
    );
    expect(error.message).toMatch(/exited \(2\)/);
    expect(error.message).toContain("/en/email_login_code/text: unknown placeholder {{name}}");
    expect(error.message).toContain("/en/email_changed_notice: missing in the default language");
  });
});
