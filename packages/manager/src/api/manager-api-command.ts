import { loadManagerConfig } from "../run-manager.js";
import { apiUrl } from "./api-url.js";

export interface ManagerApiCall {
  method: string;
  path: string;
  /** A JSON body, as text. */
  body: string | undefined;
  /** The manager's config: where its API listens and its key, unless `url` and `key` say. */
  configFile: string | undefined;
  url: string | undefined;
  key: string | undefined;
}

/**
 * `venus manager-api METHOD PATH [BODY]`: one call of the manager API. Prints the answer's body on
 * stdout; a refused call prints its status and error on stderr. Resolves with the exit code.
 */
export async function runManagerApiCommand(call: ManagerApiCall): Promise<number> {
  const config =
    call.url !== undefined && call.key !== undefined ? undefined : loadManagerConfig(call.configFile);
  const url = call.url ?? apiUrl(config?.api.host ?? "127.0.0.1", config?.api.port ?? 0);
  const key = call.key ?? config?.api.api_key ?? "";
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/+$/, "")}${call.path}`, {
      method: call.method.toUpperCase(),
      headers: {
        authorization: `Bearer ${key}`,
        ...(call.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(call.body === undefined ? {} : { body: call.body }),
    });
  } catch (error) {
    process.stderr.write(`venus: cannot reach the manager API at ${url}: ${(error as Error).message}\n`);
    return 1;
  }
  const text = await response.text();
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: print it as it is.
  }
  if (!response.ok) {
    process.stderr.write(`venus: ${response.status}: ${shown}\n`);
    return 1;
  }
  process.stdout.write(`${shown}\n`);
  return 0;
}
