import type { AdminAccountView, AuditPage, DailyTaskReport, Permission } from "@venus/model";
import { expect } from "vitest";
import type { HttpResult } from "./http-client.js";
import { as } from "./profile-flow.js";
import { signUp, type SignedIn } from "./sign-in.js";

type Server = { url: string; wsUrl: string };

/** Sets `target`'s whole permission set as `admin`; the target's socket gets the new state. */
export async function grant(
  server: Server,
  admin: { accessToken: string },
  target: SignedIn,
  permissions: readonly Permission[],
): Promise<AdminAccountView> {
  const reply = await as(server, admin).put<AdminAccountView>(
    `/admin/accounts/${target.accountId}/permissions`,
    { permissions },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(await target.ws.take((f) => f.event === "account_state_changed")).toMatchObject({
    data: { permissions: [...permissions].sort() },
  });
  return reply.body;
}

/** A new account (in setup, no profile) holding exactly `permissions`, granted by `root`. */
export async function adminWith(
  server: Server,
  root: { accessToken: string },
  permissions: readonly Permission[],
): Promise<SignedIn & { email: string }> {
  const user = await signUp(server);
  await grant(server, root, user, permissions);
  return user;
}

/** `POST /admin/daily_task/run` as an admin with `edit_config`. */
export async function runDailyTask(server: Server, admin: { accessToken: string }): Promise<DailyTaskReport> {
  const reply = await as(server, admin).post<DailyTaskReport>("/admin/daily_task/run");
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** `GET /admin/accounts/{id}` as an admin with `view_accounts`. */
export async function adminView(
  server: Server,
  admin: { accessToken: string },
  accountId: string,
): Promise<AdminAccountView> {
  const reply = await as(server, admin).get<AdminAccountView>(`/admin/accounts/${accountId}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** `GET /admin/audit` with a query string, as an admin with `manage_admins`. */
export function auditPage(
  server: Server,
  admin: { accessToken: string },
  query = "",
): Promise<HttpResult<AuditPage>> {
  return as(server, admin).get<AuditPage>(`/admin/audit${query ? `?${query}` : ""}`);
}
