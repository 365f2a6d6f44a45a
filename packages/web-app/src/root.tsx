import type { AccountStateResponse } from "@venus/model";
import { Session, type SocketStatus } from "@venus/web-shared";
import { useEffect, useMemo, useState } from "preact/hooks";
import { App, type AppContext } from "./app-context.js";
import { ChatService } from "./chat/chat-service.js";
import { useT } from "./i18n/use-t.js";
import { GetIn } from "./screens/get-in.js";
import { Main } from "./screens/main.js";
import { Notices, useNotices } from "./screens/notices.js";
import { Setup } from "./screens/setup.js";
import { APP_VERSION } from "./version.js";

/** The update notice is shown once per page load, not at every reconnection. */
let updateTold = false;
let languageSent = false;

/** Signed out: getting in; signed in: setup until it is complete, then the app. */
export function Root() {
  const t = useT();
  const [status, setStatus] = useState<SocketStatus>("signed_out");
  const [state, setState] = useState<AccountStateResponse>();
  const [chat, setChat] = useState<ChatService>();
  const notices = useNotices();
  const session = useMemo(
    () =>
      new Session({
        storageKey: "venus-web",
        client: { kind: "web", version: APP_VERSION },
        onStatus: (next) => setStatus(next),
        onWelcome: (welcome) => {
          if (welcome.update_available && !updateTold) {
            updateTold = true;
            notices.add(t("notice.update", { version: welcome.update_available.recommended_version }), true);
          }
        },
      }),
    [],
  );
  const refreshState = async () => setState(await session.api.get<AccountStateResponse>("/account/state"));

  useEffect(() => {
    session.resume();
    const offs = [
      session.socket.on("account_state_changed", (data) => (data ? setState(data) : void refreshState())),
      session.socket.on("maintenance", (data) =>
        data?.start
          ? notices.add(t("notice.maintenance", { time: new Date(data.start).toLocaleTimeString() }))
          : undefined,
      ),
      session.socket.on("match", () => notices.add(t("notice.match"))),
      session.socket.on("like_received", () => notices.add(t("notice.like"))),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  useEffect(() => {
    if (status === "open") {
      void refreshState();
      chat?.connected();
    }
    if (status === "signed_out") {
      setState(undefined);
      chat?.store.close();
      setChat(undefined);
    }
  }, [status]);

  // The account's mails and news follow the UI language: told once per page load when they differ.
  useEffect(() => {
    const language = document.documentElement.lang;
    if (!state || state.language === language || languageSent) return;
    languageSent = true;
    void session.api.put("/account/language", { language }).catch(() => undefined);
  }, [state]);

  const accountId = session.accountId;
  useEffect(() => {
    if (state?.state !== "normal" || chat || !accountId) return;
    void ChatService.start(accountId, session.api, session.socket).then(setChat);
  }, [state?.state, accountId]);

  if (status === "signed_out" || !accountId) return <GetIn session={session} />;
  if (!state) return <p class="loading">{t("common.connecting")}</p>;
  const app: AppContext = { session, accountId, state, refreshState, chat, notice: notices.add };
  return (
    <App.Provider value={app}>
      {status === "connecting" && <p class="offline">{t("common.reconnecting")}</p>}
      <Notices notices={notices} />
      {state.state === "initial_setup" ? <Setup /> : <Main />}
    </App.Provider>
  );
}
