import type { AdminCommandName } from "@venus/model";
import type { AdminListenerInfo } from "./admin-token-file.js";

/** A refusal the server answered; its message is the one to show. */
export class AdminCommandRefused extends Error {}

/** The admin listener could not be reached (the server is stopping, or has just died). */
export class AdminListenerUnreachable extends Error {}

/** Runs one command through the running server's admin listener; resolves with its JSON answer. */
export async function callAdminListener(
  listener: AdminListenerInfo,
  name: AdminCommandName,
  args: object,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${listener.port}/cli/${name}`, {
      method: "POST",
      headers: { authorization: `Bearer ${listener.token}`, "content-type": "application/json" },
      body: JSON.stringify(args),
    });
  } catch (error) {
    throw new AdminListenerUnreachable(
      `cannot reach the server's admin listener on 127.0.0.1:${listener.port}: ${(error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  if (!response.ok)
    throw new AdminCommandRefused(body?.error?.message ?? `the server answered ${response.status}`);
  return body;
}
