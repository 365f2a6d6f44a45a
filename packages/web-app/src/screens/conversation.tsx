import { useEffect, useRef, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import type { ConversationMarks, StoredMessage } from "../chat/chat-store.js";
import { useT } from "../i18n/use-t.js";
import { useProfile } from "./profile-card.js";
import { ReportForm } from "./report-form.js";
import { ErrorLine, useAction } from "./use-action.js";

/** How often "typing" is sent while the person keeps typing (the server takes one a second at most). */
const TYPING_EVERY_MS = 3000;
/** `chat.typing_min_interval_ms`'s default, with room for clock jitter. */
const TYPING_MIN_INTERVAL_MS = 1100;

/** One conversation: history from this device's IndexedDB, end-to-end encrypted sending, receipts, typing. */
export function Conversation({ peer }: { peer: string }) {
  const t = useT();
  const { chat, session } = useApp();
  const loaded = useProfile(peer);
  const [messages, setMessages] = useState<StoredMessage[]>([]);
  const [marks, setMarks] = useState<ConversationMarks>();
  const [typing, setTyping] = useState(false);
  const [reporting, setReporting] = useState(false);
  /** When the last typing frame went, and whether the match was last told "typing". */
  const typingSent = useRef({ at: 0, on: false });
  const { busy, error, run } = useAction();

  useEffect(() => {
    if (!chat) return;
    const reload = async () => {
      const list = await chat.store.conversation(peer);
      setMessages(list);
      setMarks(await chat.store.marks(peer));
      setTyping(chat.isTyping(peer));
      const newest = Math.max(0, ...list.filter((m) => m.direction === "in").map((m) => m.number ?? 0));
      if (newest > 0 && document.visibilityState === "visible")
        await chat.read(peer, newest).catch(() => undefined);
    };
    void reload();
    const off = chat.subscribe((changed) => changed === peer && void reload());
    const expire = setInterval(() => setTyping(chat.isTyping(peer)), 2000);
    return () => (off(), clearInterval(expire));
  }, [chat, peer]);

  if (!chat) return <p class="loading">{t("chat.opening")}</p>;
  if (loaded === null) return <p class="empty">{t("chat.gone")}</p>;
  const name = loaded?.profile.name ?? t("profile.name_pending");
  const send = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem("text") as HTMLTextAreaElement;
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    void run(() => chat.send(peer, text));
    if (typingSent.current.on) tellTyping(false);
  };
  /** The server takes one typing frame a second: one that would come sooner is left out. */
  const tellTyping = (on: boolean) => {
    if (Date.now() - typingSent.current.at < TYPING_MIN_INTERVAL_MS) return;
    typingSent.current = { at: Date.now(), on };
    void chat.typing(peer, on);
  };
  const onInput = () => {
    if (!typingSent.current.on || Date.now() - typingSent.current.at >= TYPING_EVERY_MS) tellTyping(true);
  };
  const status = (message: StoredMessage) => {
    if (message.state === "failed") return t("chat.failed", { error: t(`error.${message.error}`) });
    if (message.state === "queued") return t("chat.queued");
    if ((message.number ?? 0) <= (marks?.seenByPeer ?? 0)) return t("chat.seen");
    return message.state === "delivered" ? t("chat.delivered") : t("chat.sent");
  };
  return (
    <section class="conversation" aria-label={t("chat.with", { name })}>
      <header class="row">
        <a href="#/matches" aria-label={t("common.back")}>
          ←
        </a>
        <h1>
          <a href={`#/person/${peer}`}>{name}</a>
        </h1>
        <button type="button" class="small" onClick={() => setReporting(!reporting)}>
          {t("report.open")}
        </button>
        <button
          type="button"
          class="small danger"
          disabled={busy}
          onClick={() =>
            confirm(t("chat.block_confirm", { name })) &&
            void run(async () => {
              await session.api.post("/chat/block", { account_id: peer });
              location.hash = "#/matches";
            })
          }
        >
          {t("chat.block")}
        </button>
      </header>
      {reporting && (
        <ReportForm
          messages={messages
            .filter((m) => m.direction === "in" && m.envelope)
            .slice(-10)
            .map((m) => m.envelope)}
          onDone={() => setReporting(false)}
        />
      )}
      <p class="hint">{t("chat.device_only")}</p>
      <ol class="messages" aria-live="polite">
        {messages.map((message) => (
          <li key={message.uuid} class={message.direction}>
            <p>{message.unreadable ? <em>{t("chat.unreadable")}</em> : message.text}</p>
            {message.direction === "out" && <small class="status">{status(message)}</small>}
          </li>
        ))}
      </ol>
      {typing && <p class="typing">{t("chat.typing", { name })}</p>}
      <form class="composer" onSubmit={send}>
        <label class="sr-only" for="composer-text">
          {t("chat.message")}
        </label>
        <textarea
          id="composer-text"
          name="text"
          rows={2}
          onInput={onInput}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) {
              event.preventDefault();
              (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
            }
          }}
        />
        <button type="submit" class="primary">
          {t("chat.send")}
        </button>
      </form>
      <ErrorLine error={error} />
    </section>
  );
}
