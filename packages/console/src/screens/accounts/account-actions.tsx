import type { AdminAccountView, BanRequest, Permission, SessionsEndedResponse } from "@venus/model";
import { allOf, ConfirmButton, type Session } from "@venus/web-shared";
import type { Permissions } from "../../permissions.js";

const ALL_PERMISSIONS = allOf<Permission>()([
  "moderate_images",
  "moderate_texts",
  "process_reports",
  "ban",
  "delete",
  "view_private_profiles",
  "edit_config",
  "view_statistics",
  "manage_admins",
  "use_manager_api",
  "view_accounts",
  "manage_news",
  "email_users",
]);

interface ActionsProps {
  session: Session;
  account: AdminAccountView;
  permissions: Permissions;
  onChanged(): void;
}

const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";

/** The actions on an account this admin's permissions allow, each confirmed in a dialog first. */
export function AccountActions({ session, account, permissions, onChanged }: ActionsProps) {
  const base = `/admin/accounts/${account.account_id}`;
  const act = (work: (form: HTMLFormElement) => Promise<string>) => async (form: HTMLFormElement) => {
    const result = await work(form);
    onChanged();
    return result;
  };
  const canBan = permissions.has("ban");
  if (!canBan && !permissions.has("delete") && !permissions.has("manage_admins")) return null;
  return (
    <section aria-label="Actions" class="actions">
      <h2>Actions</h2>
      <div class="buttons">
        {canBan && account.ban === null && (
          <ConfirmButton
            label="Ban"
            danger
            question={`Ban ${account.email}? They can still sign in and read why, but use nothing else.`}
            action={act(async (form) => {
              const until = field(form, "until");
              const body: BanRequest = {
                reason: field(form, "reason"),
                until: until ? new Date(until).toISOString() : null,
              };
              await session.api.post(`${base}/ban`, body);
              return "Banned";
            })}
          >
            <label>
              Reason (shown to the owner) <input name="reason" required maxLength={1000} />
            </label>
            <label>
              Until (empty: until lifted) <input name="until" type="datetime-local" />
            </label>
          </ConfirmButton>
        )}
        {canBan && account.ban !== null && (
          <ConfirmButton
            label="Unban"
            question={`Lift the ban on ${account.email}?`}
            action={act(async () => {
              await session.api.post(`${base}/unban`);
              return "Unbanned";
            })}
          />
        )}
        {canBan && (
          <ConfirmButton
            label={account.locked ? "Activate" : "Lock"}
            danger={!account.locked}
            question={
              account.locked
                ? `Let ${account.email} sign in again?`
                : `Lock ${account.email}? No way of signing in will work.`
            }
            action={act(async () => {
              await session.api.post(`${base}/${account.locked ? "unlock" : "lock"}`);
              return account.locked ? "Activated" : "Locked";
            })}
          />
        )}
        {canBan && (
          <ConfirmButton
            label="Log out everywhere"
            question={`End every session of ${account.email}?`}
            action={act(async () => {
              const ended = await session.api.post<SessionsEndedResponse>(`${base}/logout`);
              return `${ended.sessions_ended} sessions ended`;
            })}
          />
        )}
        {permissions.has("delete") && (
          <ConfirmButton
            label="Delete now"
            danger
            question={`Delete ${account.email} and all its data now? This cannot be undone.`}
            action={act(async () => {
              await session.api.post(`${base}/delete`);
              return "Deleted";
            })}
          />
        )}
        {permissions.has("manage_admins") && (
          <ConfirmButton
            label="Permissions"
            question={`The permissions of ${account.email}:`}
            action={act(async (form) => {
              const chosen = ALL_PERMISSIONS.filter(
                (name) => (form.elements.namedItem(name) as HTMLInputElement).checked,
              );
              await session.api.put(`${base}/permissions`, { permissions: chosen });
              return `Permissions: ${chosen.join(", ") || "none"}`;
            })}
          >
            <fieldset class="permissions">
              {ALL_PERMISSIONS.map((name) => (
                <label key={name} class="choice">
                  <input type="checkbox" name={name} defaultChecked={account.permissions.includes(name)} />{" "}
                  {name}
                </label>
              ))}
            </fieldset>
          </ConfirmButton>
        )}
      </div>
    </section>
  );
}
