import { useHashRoute } from "@venus/web-shared";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { FavoritesList } from "../person/favorites-list.js";
import { PersonView } from "../person/person-view.js";
import { AccountScreen } from "./account.js";
import { Browse } from "./browse.js";
import { Conversation } from "./conversation.js";
import { Likes } from "./likes.js";
import { Matches } from "./matches.js";
import { ProfileScreen } from "./profile.js";

const TABS = ["browse", "likes", "matches", "profile", "account"] as const;

/** The signed-in app: one screen per `#/tab`, the tabs at the bottom on a phone. */
export function Main() {
  const t = useT();
  const { state } = useApp();
  const [tab = "browse", id] = useHashRoute();
  const blocked = state.state === "banned" || state.state === "pending_deletion";
  const screen = () => {
    if (blocked || tab === "account") return <AccountScreen />;
    if (tab === "chat" && id) return <Conversation peer={id} />;
    if (tab === "matches") return <Matches />;
    if (tab === "likes") return <Likes />;
    if (tab === "profile") return <ProfileScreen />;
    if (tab === "person" && id) return <PersonView accountId={id} />;
    if (tab === "favorites") return <FavoritesList />;
    return <Browse />;
  };
  return (
    <div class="shell">
      <main class="screen">{screen()}</main>
      {!blocked && (
        <nav class="tabs" aria-label={t("nav.label")}>
          {TABS.map((name) => (
            <a
              href={`#/${name}`}
              aria-current={tab === name || (name === "matches" && tab === "chat") ? "page" : undefined}
            >
              {t(`nav.${name}`)}
            </a>
          ))}
        </nav>
      )}
    </div>
  );
}
