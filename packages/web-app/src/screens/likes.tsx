import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ProfileCard, useProfile } from "./profile-card.js";
import { ErrorLine, useAction } from "./use-action.js";

/** Likes received (newest first); liking back makes a match. Opening the list resets the new count. */
export function Likes() {
  const t = useT();
  const { session } = useApp();
  const [likes, setLikes] = useState<{ account_id: string }[]>();
  const load = () =>
    void session.api
      .get<{ likes: { account_id: string }[] }>("/chat/likes/received")
      .then((page) => setLikes(page.likes));
  useEffect(() => {
    load();
    void session.api.post("/chat/likes/received/reset_new").catch(() => undefined);
    const offs = [
      session.socket.on("like_received", load),
      session.socket.on("received_likes_changed", load),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  return (
    <section aria-labelledby="likes-title">
      <h1 id="likes-title">{t("likes.title")}</h1>
      {likes?.length === 0 && <p class="empty">{t("likes.empty")}</p>}
      <ul class="people">
        {likes?.map((like) => (
          <LikeItem key={like.account_id} accountId={like.account_id} />
        ))}
      </ul>
    </section>
  );
}

function LikeItem({ accountId }: { accountId: string }) {
  const t = useT();
  const { session } = useApp();
  const loaded = useProfile(accountId);
  const { busy, error, run } = useAction();
  if (!loaded) return null;
  return (
    <li>
      <ProfileCard loaded={loaded} />
      <button
        type="button"
        class="primary"
        disabled={busy}
        onClick={() =>
          void run(async () => void (await session.api.post("/chat/like", { account_id: accountId })))
        }
      >
        {t("likes.like_back")}
      </button>
      <ErrorLine error={error} />
    </li>
  );
}
