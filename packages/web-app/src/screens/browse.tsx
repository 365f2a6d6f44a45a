import type { BrowseItem, BrowsePage, OwnProfile } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { FiltersPanel } from "../browse/filters-panel.js";
import { saveFilters, savedFilters } from "../browse/saved-filters.js";
import { useT } from "../i18n/use-t.js";
import { ProfileCard, useProfile } from "./profile-card.js";
import { ErrorLine, useAction } from "./use-action.js";

/** Profiles nearest first, one card at a time: like or pass; a like back makes a match. */
export function Browse() {
  const t = useT();
  const { session, accountId } = useApp();
  const [filters, setFilters] = useState(() => savedFilters(accountId));
  const [queue, setQueue] = useState<BrowseItem[]>([]);
  const [session_id, setSessionId] = useState<string>();
  const [done, setDone] = useState(false);
  const [noLocation, setNoLocation] = useState(false);
  const { busy, error, run } = useAction();

  const next = (id = session_id) =>
    run(async () => {
      if (!id) return;
      const page = await session.api.post<BrowsePage>("/profile/page/next", { session_id: id });
      setQueue((items) => [...items, ...page.profiles]);
      setDone(page.done);
    });
  const reset = (chosen = filters) =>
    run(async () => {
      setQueue([]);
      setDone(false);
      const me = await session.api.get<OwnProfile>("/profile/me");
      setNoLocation(me.location === null);
      if (me.location === null) return;
      try {
        const { session_id: id } = await session.api.post<{ session_id: string }>("/profile/page/reset", {
          filters: chosen,
        });
        setSessionId(id);
        setNoLocation(false);
        const page = await session.api.post<BrowsePage>("/profile/page/next", { session_id: id });
        setQueue(page.profiles);
        setDone(page.done);
      } catch (failure) {
        if ((failure as { code?: string }).code === "invalid_state") setNoLocation(true);
        else throw failure;
      }
    });
  useEffect(() => void reset(), []);

  const advance = () => {
    setQueue((items) => items.slice(1));
    if (queue.length <= 2 && !done) void next();
  };
  const current = queue[0];
  return (
    <section class="browse" aria-labelledby="browse-title">
      <h1 id="browse-title">{t("browse.title")}</h1>
      <FiltersPanel
        filters={filters}
        onApply={(chosen) => {
          saveFilters(accountId, chosen);
          setFilters(chosen);
          void reset(chosen);
        }}
      />
      <a href="#/favorites" class="small">
        {t("favorites.title")}
      </a>
      {noLocation && (
        <p class="card">
          {t("browse.no_location")} <a href="#/profile">{t("browse.set_location")}</a>
        </p>
      )}
      {current ? (
        <Candidate key={current.account_id} item={current} onDone={advance} />
      ) : (
        !noLocation && !busy && <p class="empty">{t("browse.empty")}</p>
      )}
      <ErrorLine error={error} />
    </section>
  );
}

function Candidate({ item, onDone }: { item: BrowseItem; onDone(): void }) {
  const t = useT();
  const { session, notice } = useApp();
  const loaded = useProfile(item.account_id);
  const { busy, error, run } = useAction();
  useEffect(() => {
    if (loaded === null) onDone(); // gone meanwhile
  }, [loaded]);
  if (!loaded) return <p class="loading">{t("common.loading")}</p>;
  const like = () =>
    run(async () => {
      const answer = await session.api.post<{ matched: boolean }>("/chat/like", {
        account_id: item.account_id,
      });
      if (answer.matched) notice(t("notice.match"));
      onDone();
    });
  return (
    <div class="candidate">
      <ProfileCard loaded={loaded} full />
      <div class="actions">
        <button type="button" class="pass" disabled={busy} onClick={onDone}>
          {t("browse.pass")}
        </button>
        <button type="button" class="like primary" disabled={busy} onClick={() => void like()}>
          {t("browse.like")}
        </button>
        <button
          type="button"
          class="small"
          disabled={busy}
          onClick={() =>
            void run(async () => void (await session.api.put(`/profile/favorites/${item.account_id}`)))
          }
        >
          {t("browse.favorite")}
        </button>
        <a href={`#/person/${item.account_id}`} class="small">
          {t("browse.view")}
        </a>
      </div>
      <ErrorLine error={error} />
    </div>
  );
}
