import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { VenusClient, refusal } from "@venus/bot-client";
import {
  COMMAND_LINE_ADMIN_ID,
  PERMISSIONS,
  type AdminAccountView,
  type ResetPasswordResult,
  type ServerCounts,
} from "@venus/model";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PASSWORD, uniqueEmail } from "../scenarios/steps/people.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { newDataDir, startServer, VENUS_BIN, type RunningServer } from "../testing/spawn-server.js";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `venus admin -c <the server's config> …args` to its end, with `stdin` on its standard input. */
function venusAdmin(server: RunningServer, args: string[], stdin = ""): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    [VENUS_BIN, "admin", "-c", join(server.dataDir, "venus.toml"), ...args],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Runs a command that must succeed; with `--json`, resolves with its parsed answer. */
async function ok<T = string>(server: RunningServer, args: string[], stdin?: string): Promise<T> {
  const result = await venusAdmin(server, args, stdin);
  expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  return (args.includes("--json") ? JSON.parse(result.stdout) : result.stdout) as T;
}

/** Runs a command that must fail with exit 1 and `message` on stderr. */
async function fails(
  server: RunningServer,
  args: string[],
  message: string | RegExp,
  stdin?: string,
): Promise<void> {
  const result = await venusAdmin(server, args, stdin);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
}

const config = { rate_limits: GENEROUS_RATE_LIMITS };
const lockFile = (server: RunningServer) => join(server.dataDir, "data", "venus.lock");
const tokenFile = (server: RunningServer) => join(server.dataDir, "data", "admin.token");

/** A new account (registered, not connected) with its email. */
async function account(server: RunningServer, prefix: string): Promise<string> {
  const email = uniqueEmail(prefix);
  await VenusClient.register(server.url, email, PASSWORD);
  return email;
}

describe("venus admin against a running server (through its admin listener)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ config });
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  test("grant-admin: the account's devices get every permission at once; the audit log names the command line", async () => {
    const email = uniqueEmail("granted");
    const user = await VenusClient.signUp(server.url, email, PASSWORD);
    const output = await ok(server, ["grant-admin", email]);
    expect(output).toContain(`${email} (${user.accountId})`);
    expect(output).toContain(`permissions: ${[...PERMISSIONS].sort().join(", ")}`);
    await user.next("account_state_changed", {
      predicate: (s) => s?.permissions.length === PERMISSIONS.length,
    });
    expect((await user.admin.flags()).registration_enabled).toBe(true);
    const [entry] = (await user.admin.audit({ account_id: user.accountId })).items;
    expect(entry).toMatchObject({
      admin_id: COMMAND_LINE_ADMIN_ID,
      action: "CLI grant-admin",
      target_id: user.accountId,
      details: { path: "venus admin grant-admin", body: { email } },
    });
    // The server stayed the only writer: it still holds the lock.
    expect(Number(readFileSync(lockFile(server), "utf8"))).toBe(server.process.pid);
    await user.close();
  });

  test("reset-password: a printed one-time password, or one from stdin; the old one stops working and every session ends", async () => {
    const email = uniqueEmail("forgetful");
    const user = await VenusClient.signUp(server.url, email, PASSWORD);
    const output = await ok(server, ["reset-password", email]);
    expect(output).toContain("password reset; 1 sessions ended");
    const password = /one-time password: (\S+)/.exec(output)?.[1] ?? "";
    expect(password).toMatch(/^[a-zA-Z2-9]{20}$/);
    await refusal(user.account.state(), "invalid_token");
    await refusal(VenusClient.login(server.url, email, PASSWORD), "invalid_credentials");
    (await VenusClient.login(server.url, email, password)).close();

    const reset = await ok<ResetPasswordResult>(
      server,
      ["reset-password", email, "--stdin", "--json"],
      "chosen by the admin\n",
    );
    expect(reset).toMatchObject({ password: null, sessions_ended: 1, account: { email } });
    await refusal(VenusClient.login(server.url, email, password), "invalid_credentials");
    (await VenusClient.login(server.url, email, "chosen by the admin")).close();
    await fails(
      server,
      ["reset-password", email, "--stdin"],
      "venus: password: must have at least 8 characters\n",
      "short\n",
    );
    await fails(server, ["reset-password", email, "--stdin"], "venus: no password on stdin\n");
  });

  test("lock, ban and activate: logins refused, then allowed again", async () => {
    const email = await account(server, "troublemaker");
    expect(await ok(server, ["lock", email])).toContain("locked: yes");
    await refusal(VenusClient.login(server.url, email, PASSWORD), "account_locked");
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const banned = await ok<AdminAccountView>(server, [
      "ban",
      email,
      "--reason",
      "Spam",
      "--until",
      until,
      "--json",
    ]);
    expect(banned).toMatchObject({ state: "banned", locked: true, ban: { reason: "Spam", until } });
    const active = await ok<AdminAccountView>(server, ["activate", "--json", email]);
    expect(active).toMatchObject({ state: "initial_setup", locked: false, ban: null });
    (await VenusClient.login(server.url, email, PASSWORD)).close();
    await fails(
      server,
      ["ban", email, "--until", "yesterday"],
      /venus: until: must match format "date-time"/,
    );
  });

  test("flag list, get and set: registration off at once; clear errors for unknown flags, bad values and unknown emails", async () => {
    expect(await ok(server, ["flag", "set", "registration_enabled", "false"])).toBe(
      "registration_enabled = false\n",
    );
    await refusal(VenusClient.register(server.url, uniqueEmail("late"), PASSWORD), "registration_disabled");
    expect(await ok(server, ["flag", "get", "registration_enabled"])).toBe("registration_enabled = false\n");
    expect(await ok(server, ["flag", "list"])).toMatch(
      /^registration_enabled = false\nregistrations_per_day = 0\nregistrations_per_day_per_range = 0\nremote_bot_login_enabled = true\n(.+\n)*moderation_nudity_reject_above = 1\n/,
    );
    expect(await ok(server, ["--json", "flag", "set", "registration_enabled", "true"])).toEqual({
      name: "registration_enabled",
      value: true,
    });
    await VenusClient.register(server.url, uniqueEmail("welcome"), PASSWORD);
    expect((await ok<Record<string, unknown>>(server, ["flag", "list", "--json"])).daily_likes).toBe(0);

    await fails(server, ["flag", "set", "daily_likes", "-1"], "venus: daily_likes: must be >= 0\n");
    await fails(
      server,
      ["flag", "set", "registration_enabled", "maybe"],
      "venus: registration_enabled: must be boolean\n",
    );
    await fails(
      server,
      ["flag", "get", "no_such_flag"],
      /^venus: no flag no_such_flag; the flags are registration_enabled, /,
    );
    await fails(
      server,
      ["grant-admin", "Nobody@Example.com"],
      "venus: no account with email nobody@example.com\n",
    );
  }, 90_000);

  test("stats: counts of what the server holds, the connected clients included", async () => {
    const online = await VenusClient.signUp(server.url, uniqueEmail("online"), PASSWORD);
    const counts = await ok<ServerCounts>(server, ["stats", "--json"]);
    expect(counts.online.accounts).toBeGreaterThanOrEqual(1);
    expect(counts.accounts.total).toBeGreaterThanOrEqual(1);
    expect(counts.accounts.total).toBe(
      counts.accounts.initial_setup +
        counts.accounts.normal +
        counts.accounts.banned +
        counts.accounts.pending_deletion,
    );
    expect(await ok(server, ["stats"])).toMatch(
      /^accounts: \d+ \(initial_setup \d+, normal \d+, banned \d+, pending_deletion \d+\)\n/,
    );
    await online.close();
  });

  test("the admin listener: its token file is the owner's alone, and it refuses callers without the token", async () => {
    expect(statSync(tokenFile(server)).mode & 0o777).toBe(0o600);
    const listener = JSON.parse(readFileSync(tokenFile(server), "utf8")) as {
      pid: number;
      port: number;
      token: string;
    };
    expect(listener.pid).toBe(server.process.pid);
    const base = `http://127.0.0.1:${listener.port}`;
    const call = async (path: string, headers: Record<string, string>, method = "POST") => {
      const response = await fetch(`${base}${path}`, { method, headers });
      return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
    };
    const withToken = { authorization: `Bearer ${listener.token}` };
    expect((await call("/cli/stats", {})).body.error?.code).toBe("invalid_token");
    expect((await call("/cli/stats", { authorization: "Bearer guessed" })).status).toBe(401);
    expect((await call("/cli/stats", withToken)).status).toBe(200);
    expect((await call("/cli/stats", withToken, "GET")).status).toBe(404);
    expect((await call("/cli/no_such_command", withToken)).status).toBe(404);
    // Bound to the loopback address only: another address of this machine does not answer.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === "IPv4" && !address.internal);
    if (external)
      await expect(
        fetch(`http://${external.address}:${listener.port}/cli/stats`, {
          method: "POST",
          headers: withToken,
        }),
      ).rejects.toThrow();
  });
});

test("venus admin on a stopped data directory: every command takes the lock itself, and the server started after sees the effects", async () => {
  const dataDir = newDataDir();
  let server = await startServer({ dataDir, config });
  try {
    const [admin, locked, banned, forgetful] = await Promise.all(
      ["admin", "locked", "banned", "forgetful"].map((prefix) => account(server, prefix)),
    );
    const online = await VenusClient.signUp(server.url, uniqueEmail("online"), PASSWORD);
    expect(await server.stop()).toBe(0);
    expect(existsSync(tokenFile(server))).toBe(false);

    expect((await ok<AdminAccountView>(server, ["grant-admin", admin!, "--json"])).permissions).toHaveLength(
      PERMISSIONS.length,
    );
    expect(existsSync(lockFile(server))).toBe(false);
    await ok(server, ["lock", locked!]);
    await ok(server, ["ban", banned!, "--reason", "Fake profile"]);
    const { password } = await ok<ResetPasswordResult>(server, ["reset-password", forgetful!, "--json"]);
    expect(await ok(server, ["flag", "set", "registration_enabled", "false"])).toBe(
      "registration_enabled = false\n",
    );
    await ok(server, ["flag", "set", "daily_likes", "3"]);
    const counts = await ok<ServerCounts>(server, ["stats", "--json"]);
    expect(counts.accounts).toMatchObject({ total: 5, banned: 1, locked: 1, admins: 1 });
    expect(counts.online).toEqual({ accounts: 0, connections: 0 });
    await fails(server, ["lock", "nobody@example.com"], "venus: no account with email nobody@example.com\n");
    await fails(server, ["flag", "set", "local_user_bots", "-2"], "venus: local_user_bots: must be >= 0\n");
    expect(existsSync(lockFile(server))).toBe(false);

    server = await startServer({ dataDir, config });
    const root = await VenusClient.signIn(server.url, admin!, PASSWORD);
    expect(await root.admin.flags()).toMatchObject({ registration_enabled: false, daily_likes: 3 });
    expect(await root.account.clientConfig()).toMatchObject({ registration_enabled: false, daily_likes: 3 });
    await refusal(VenusClient.register(server.url, uniqueEmail("late"), PASSWORD), "registration_disabled");
    await refusal(VenusClient.login(server.url, locked!, PASSWORD), "account_locked");
    expect(await root.admin.accountByEmail(banned!)).toMatchObject({
      state: "banned",
      ban: { reason: "Fake profile", until: null },
    });
    await refusal(VenusClient.login(server.url, forgetful!, PASSWORD), "invalid_credentials");
    (await VenusClient.login(server.url, forgetful!, password ?? "")).close();
    const audit = (await root.admin.audit()).items.map((entry) => entry.action);
    expect(audit.slice(0, 6)).toEqual([
      "CLI flag-set",
      "CLI flag-set",
      "CLI reset-password",
      "CLI ban",
      "CLI lock",
      "CLI grant-admin",
    ]);

    // And back through the running server.
    await ok(server, ["activate", locked!]);
    (await VenusClient.login(server.url, locked!, PASSWORD)).close();
    await root.close();
    await online.close();
  } finally {
    await server.stop();
    server.cleanup();
  }
}, 120_000);
