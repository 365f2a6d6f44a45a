import type { LoadReport } from "@venus/bot-client";
import { callAdminListener } from "../admin-cli/admin-listener-call.js";
import { readAdminTokenFile } from "../admin-cli/admin-token-file.js";
import { loadServerConfig } from "../load-server-config.js";

/** How `venus bot load` signs its bots in; `restore` undoes what choosing it changed on the server. */
export interface LoadSignIn {
  botListener: string | undefined;
  /** One line for the operator, when the choice is worth saying. */
  note: string | undefined;
  restore(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
/** How long the server may take to open its bot listener once the flag is on. */
const OPEN_TIMEOUT_MS = 5000;

const nothingToRestore = async () => {};

/** Whether anything answers HTTP at `url` (the bot listener answers 404 on `/`). */
const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

async function opened(url: string): Promise<boolean> {
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  while (!(await answers(url))) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * A server on this machine: its loopback bot listener when it is open; else, when this user can read
 * the server's `<data_dir>/admin.token` (it runs the server), local bot login switched on through the
 * admin listener for the run. Anything else registers by email on the public port, under the
 * server's sign-in limits.
 */
export async function chooseLoadSignIn(options: {
  server: string;
  botListener: string;
  configFile?: string | undefined;
}): Promise<LoadSignIn> {
  const email: LoadSignIn = { botListener: undefined, note: undefined, restore: nothingToRestore };
  if (!LOOPBACK.has(new URL(options.server).hostname)) return email;
  if (await answers(options.botListener))
    return { botListener: options.botListener, note: undefined, restore: nothingToRestore };
  const admin = readAdminTokenFile(loadServerConfig(options.configFile).data_dir);
  if (admin === undefined) return email;
  const setLocalLogin = (value: boolean) =>
    callAdminListener(admin, "flag-set", { name: "local_bot_login_enabled", value });
  try {
    await setLocalLogin(true);
  } catch {
    return email; // the admin listener did not answer: the server is stopping, or not ours
  }
  const restore = async () => void (await setLocalLogin(false));
  if (!(await opened(options.botListener))) {
    await restore();
    return email;
  }
  return {
    botListener: options.botListener,
    note: `venus: local bot login switched on for this run (flag local_bot_login_enabled, through the admin listener); the bots sign in on ${options.botListener}`,
    restore,
  };
}

/** The server setting behind each sign-in route's 429. */
const LIMITS: Record<string, string> = {
  "POST /account/register": "rate_limits.register_per_ip",
  "POST /account/login": "rate_limits.login_per_ip",
};

/**
 * One line naming the limit that stopped bots, and how to raise it; undefined when none did.
 * (Registrations by email count against the server's per-address limits; the bot listener has none.)
 */
export function limitLine(report: LoadReport): string | undefined {
  for (const [code, count] of Object.entries(report.setup.failures)) {
    const route = /^429 rate_limited on (.+)$/.exec(code)?.[1];
    const limit = route === undefined ? undefined : LIMITS[route];
    if (limit === undefined) continue;
    const env = `VENUS_${limit.toUpperCase().replace(".", "__")}__LIMIT`;
    return `venus: ${count} of ${report.users} bots were refused by ${route} (429 rate_limited): the server's ${limit} stopped them; raise ${limit}.limit in its config (or ${env}), or run the load on the server's machine, where the bots sign in on its loopback bot listener`;
  }
  return undefined;
}
