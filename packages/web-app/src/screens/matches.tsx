import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ProfileCard, useProfile } from "./profile-card.js";

/** Matches, live: a new match or one that goes (unmatch, block, deletion) updates the list. */
export function Matches() {
  const t = useT();
  const { session } = useApp();
  const [matches, setMatches] = useState<{ account_id: string }[]>();
  useEffect(() => {
    const load = () =>
      void session.api
        .get<{ matches: { account_id: string }[] }>("/chat/matches")
        .then((page) => setMatches(page.matches));
    load();
    const offs = [session.socket.on("match", load), session.socket.on("matches_changed", load)];
    return () => offs.forEach((off) => off());
  }, []);
  return (
    <section aria-labelledby="matches-title">
      <h1 id="matches-title">{t("matches.title")}</h1>
      {matches?.length === 0 && <p class="empty">{t("matches.empty")}</p>}
      <ul class="people">
        {matches?.map((match) => (
          <MatchItem key={match.account_id} accountId={match.account_id} />
        ))}
      </ul>
    </section>
  );
}

function MatchItem({ accountId }: { accountId: string }) {
  const t = useT();
  const { chat } = useApp();
  const loaded = useProfile(accountId);
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!chat) return;
    const count = () => void chat.unread(accountId).then(setUnread);
    count();
    return chat.subscribe((peer) => peer === accountId && count());
  }, [chat]);
  if (!loaded) return null;
  return (
    <li>
      <a href={`#/chat/${accountId}`} class="match-link">
        <ProfileCard loaded={loaded} />
        {unread > 0 && <span class="badge">{t("matches.unread", { count: unread })}</span>}
      </a>
    </li>
  );
}
