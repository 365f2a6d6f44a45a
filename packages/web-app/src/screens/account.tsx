import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { NotificationSettingsCard } from "../notifications/notification-settings.js";
import { DataExportCard } from "./data-export.js";
import { SignInMethodsCard } from "./sign-in-methods.js";
import { ErrorLine, useAction } from "./use-action.js";
import { VerifyEmail } from "./verify-email.js";

interface Device {
  id: string;
  client: { kind: string; version: string } | null;
  address: string | null;
  last_seen_at: number;
  online: boolean;
  current: boolean;
}

/** The account: devices, password, deletion (and cancelling it), signing out. */
export function AccountScreen() {
  const t = useT();
  const { session, state, refreshState } = useApp();
  const [devices, setDevices] = useState<Device[]>([]);
  const { busy, error, run } = useAction();
  const loadDevices = () =>
    void session.api.get<{ devices: Device[] }>("/account/devices").then((list) => setDevices(list.devices));
  useEffect(loadDevices, []);

  const changePassword = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    void run(async () => {
      await session.api.post("/account/password", {
        current_password: value("current"),
        new_password: value("new"),
      });
      form.reset();
    });
  };
  const remove = (event: Event) => {
    event.preventDefault();
    const password = (
      (event.currentTarget as HTMLFormElement).elements.namedItem("password") as HTMLInputElement
    ).value;
    void run(
      async () => (
        await session.api.post("/account/delete", password ? { password } : {}),
        await refreshState()
      ),
    );
  };
  return (
    <section class="account" aria-labelledby="account-title">
      <h1 id="account-title">{t("account.title")}</h1>
      {state.ban && (
        <p class="card error">
          {t("account.banned", { reason: state.ban.reason, until: state.ban.until ?? "—" })}
        </p>
      )}
      {state.deletion && (
        <div class="card">
          <p>{t("account.deletion_at", { at: new Date(state.deletion.at).toLocaleString() })}</p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() =>
              void run(async () => (await session.api.post("/account/delete/cancel"), await refreshState()))
            }
          >
            {t("account.keep")}
          </button>
        </div>
      )}
      <VerifyEmail />
      <SignInMethodsCard />
      <NotificationSettingsCard />
      <div class="card">
        <h2>{t("account.devices")}</h2>
        <ul>
          {devices.map((device) => (
            <li key={device.id}>
              {device.client ? `${device.client.kind} ${device.client.version}` : "—"} ·{" "}
              {device.address ?? ""} ·{" "}
              {device.online ? t("account.online") : new Date(device.last_seen_at).toLocaleString()}
              {device.current ? (
                ` (${t("account.this_device")})`
              ) : (
                <button
                  type="button"
                  class="small"
                  onClick={() =>
                    void run(
                      async () => (await session.api.delete(`/account/devices/${device.id}`), loadDevices()),
                    )
                  }
                >
                  {t("account.sign_out_device")}
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
      <form class="card" onSubmit={changePassword} aria-label={t("account.password")}>
        <h2>{t("account.password")}</h2>
        <label>
          {t("account.current_password")}{" "}
          <input name="current" type="password" autocomplete="current-password" />
        </label>
        <label>
          {t("account.new_password")}{" "}
          <input name="new" type="password" autocomplete="new-password" minLength={8} required />
        </label>
        <button type="submit" disabled={busy}>
          {t("common.save")}
        </button>
      </form>
      <DataExportCard />
      {!state.deletion && (
        <form class="card" onSubmit={remove} aria-label={t("account.delete")}>
          <h2>{t("account.delete")}</h2>
          <p>{t("account.delete_text")}</p>
          <label>
            {t("field.password")} <input name="password" type="password" autocomplete="current-password" />
          </label>
          <button type="submit" class="danger" disabled={busy}>
            {t("account.delete")}
          </button>
        </form>
      )}
      <button type="button" onClick={() => void session.signOut()}>
        {t("account.sign_out")}
      </button>
      <ErrorLine error={error} />
    </section>
  );
}
