import { isVenusApiError, VenusClient } from "@venus/bot-client";
import { readPasswordFromStdin } from "./admin-cli/read-password.js";
import { loadServerConfig } from "./load-server-config.js";

export interface ClientLoginOptions {
  server: string;
  email: string;
  /** Default: the first line of standard input. */
  password?: string | undefined;
}

/** The server on this machine, as its config (and VENUS_* overrides) says it listens. */
export function localServerUrl(configFile: string | undefined): string {
  const { host, port } = loadServerConfig(configFile).http;
  const reachable =
    host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}

/** What a copy-paste user needs: the token and a first authenticated call that works as it is. */
export function usableTokenText(server: string, accountId: string, accessToken: string): string {
  const base = server.replace(/\/+$/, "");
  return [
    `signed in as ${accountId}; the WebSocket stays open, so this access token works until Ctrl-C:`,
    "",
    `export VENUS_TOKEN=${accessToken}`,
    `curl -s -H "Authorization: Bearer $VENUS_TOKEN" ${base}/account/state`,
    "",
  ].join("\n");
}

/**
 * `venus client login`: logs in with email and password, opens `/ws` with `hello` — the access
 * token works on HTTP only while its device's WebSocket is connected — prints the token (as the
 * welcome frame left it) and a ready curl call, and keeps the socket open until SIGINT/SIGTERM.
 * Resolves with the exit code: 0 after Ctrl-C, 1 when the login fails or the server closes the socket.
 */
export async function runClientLogin(options: ClientLoginOptions): Promise<number> {
  const password = options.password ?? (await readPasswordFromStdin());
  let client: VenusClient;
  try {
    client = await VenusClient.signIn(options.server, options.email, password);
  } catch (error) {
    const why = isVenusApiError(error)
      ? `${error.status} ${error.code}: ${error.message}`
      : `cannot reach ${options.server} (${(error as Error).message})`;
    process.stderr.write(`venus: login failed: ${why}\n`);
    return 1;
  }
  process.stdout.write(usableTokenText(options.server, client.accountId, client.accessToken));
  const socket = client.socket;
  const stopped = new Promise<"signal">((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve("signal"));
  });
  const ended = await Promise.race([stopped, socket.closed]);
  if (ended !== "signal") {
    process.stderr.write(
      `venus: the server closed the WebSocket (${JSON.stringify(ended)}); the token no longer works\n`,
    );
    return 1;
  }
  await client.close();
  process.stderr.write("venus: signed out of the WebSocket; the token no longer works\n");
  return 0;
}
