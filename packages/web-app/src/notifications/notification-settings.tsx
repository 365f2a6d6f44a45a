import type { NotificationSettings, PushTargetResponse } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { disableWebPush, enableWebPush, pushSupported } from "./web-push.js";

const KINDS = ["messages", "likes", "matches", "moderation", "news"] as const;

/** This device's WebPush on or off, and which kinds of news push (for every device of the account). */
export function NotificationSettingsCard() {
  const t = useT();
  const { session } = useApp();
  const [settings, setSettings] = useState<NotificationSettings>();
  const [pushOn, setPushOn] = useState<boolean>();
  const { busy, error, run } = useAction();
  useEffect(() => {
    void run(async () => {
      setSettings(await session.api.get<NotificationSettings>("/account/notification_settings"));
      setPushOn((await session.api.get<PushTargetResponse>("/account/push_target")).target !== null);
    });
  }, []);
  const save = (next: NotificationSettings) => {
    setSettings(next);
    void run(async () =>
      setSettings(await session.api.put<NotificationSettings>("/account/notification_settings", next)),
    );
  };
  return (
    <section class="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t("notifications.title")}</h2>
      {!pushSupported() ? (
        <p>{t("notifications.unsupported")}</p>
      ) : pushOn ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(async () => (await disableWebPush(session.api), setPushOn(false)))}
        >
          {t("notifications.turn_off")}
        </button>
      ) : (
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const permission = await enableWebPush(session.api);
              if (permission === "granted") setPushOn(true);
              else throw new Error(t("notifications.denied"));
            })
          }
        >
          {t("notifications.turn_on")}
        </button>
      )}
      {settings && (
        <fieldset>
          <legend>{t("notifications.kinds")}</legend>
          {KINDS.map((kind) => (
            <label class="check">
              <input
                type="checkbox"
                checked={settings.kinds[kind]}
                onChange={(event) =>
                  save({
                    ...settings,
                    kinds: { ...settings.kinds, [kind]: (event.currentTarget as HTMLInputElement).checked },
                  })
                }
              />
              {t(`notifications.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
