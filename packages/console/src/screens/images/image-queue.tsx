import type { MediaModerationPage, MediaModerationRequest, RejectionCategory } from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import { useCallback, useState } from "preact/hooks";
import type { Permissions } from "../../permissions.js";
import { useListKeys } from "../../use-keys.js";
import { RecentDecisions } from "../recent-decisions.js";
import { useQueue } from "../../use-queue.js";
import { Findings } from "./findings.js";
import { OwnerPanel } from "./owner-panel.js";
import { RejectPanel } from "./reject-panel.js";

type Item = MediaModerationPage["items"][number];
const keyOf = (item: Item) => `${item.account_id}/${item.content_id}`;

/** The image queue: a grid, oldest first; the selected image's owner beside it; decided by keyboard. */
export function ImageQueue({ session, permissions }: { session: Session; permissions: Permissions }) {
  const queue = useQueue<Item>(session, "/admin/media/moderation", "images", keyOf);
  const [selected, setSelected] = useState(0);
  const [rejecting, setRejecting] = useState(false);
  const [message, setMessage] = useState<string>();
  const [decided, setDecided] = useState(0);
  const items = queue.items ?? [];
  const index = Math.min(selected, Math.max(0, items.length - 1));
  const current = items[index];

  const decide = useCallback(
    async (item: Item, accept: boolean, category?: RejectionCategory, details?: string) => {
      setRejecting(false);
      queue.remove(item);
      const body: MediaModerationRequest = {
        account_id: item.account_id,
        content_id: item.content_id,
        accept,
        ...(accept ? {} : { category: category ?? "other", details: details ?? "" }),
      };
      try {
        await session.api.post("/admin/media/moderation", body);
        setDecided((count) => count + 1);
        setMessage(accept ? "Accepted" : `Rejected: ${(category ?? "other").replaceAll("_", " ")}`);
      } catch (error) {
        setMessage(`Not decided: ${String(error)}`);
        void queue.reload();
      }
    },
    [session, queue],
  );

  useListKeys(
    index,
    items.length,
    setSelected,
    { a: () => current && void decide(current, true), r: () => current && setRejecting(true) },
    { enabled: !rejecting },
  );

  if (queue.error) return <p role="alert">{queue.error}</p>;
  if (!queue.items) return <p>Loading…</p>;
  return (
    <div class="image-queue">
      <section aria-label="Waiting images">
        <h1>
          Images <span class="count">{items.length} waiting</span>
        </h1>
        <p class="muted keys">
          <kbd>→</kbd>/<kbd>j</kbd> next · <kbd>←</kbd>/<kbd>k</kbd> previous · <kbd>a</kbd> accept ·{" "}
          <kbd>r</kbd> reject, then <kbd>1</kbd>–<kbd>8</kbd> category · <kbd>Esc</kbd> cancel
        </p>
        <p role="status" class="decision">
          {message}
        </p>
        {items.length === 0 && <p>The queue is empty.</p>}
        <ul class="grid" aria-label="Images, oldest first">
          {items.map((item, at) => (
            <li key={keyOf(item)} class={at === index ? "selected" : undefined}>
              <button
                type="button"
                aria-label={`Image ${at + 1} of ${items.length}, uploaded ${new Date(item.uploaded_at).toLocaleString()}`}
                aria-pressed={at === index}
                onClick={() => setSelected(at)}
              >
                <AuthImage
                  api={session.api}
                  path={`/media/content/${item.account_id}/${item.content_id}`}
                  size={400}
                  alt=""
                />
                <span class="tags">
                  {item.security_selfie && <span class="tag">selfie</span>}
                  {item.in_profile && <span class="tag">in profile</span>}
                </span>
                <Findings analysis={item.analysis} />
              </button>
            </li>
          ))}
        </ul>
        <RecentDecisions
          permissions={permissions}
          session={session}
          action="POST /admin/media/moderation"
          reload={queue.loads + decided}
        />
      </section>
      {current && (
        <aside aria-label="Selected image">
          <div class="buttons">
            <button type="button" class="primary" onClick={() => void decide(current, true)}>
              Accept (a)
            </button>
            <button type="button" class="danger" onClick={() => setRejecting(true)}>
              Reject (r)
            </button>
          </div>
          <Findings analysis={current.analysis} full />
          {rejecting && (
            <RejectPanel
              onReject={(category, details) => void decide(current, false, category, details)}
              onCancel={() => setRejecting(false)}
            />
          )}
          <OwnerPanel session={session} accountId={current.account_id} loads={queue.loads + decided} />
        </aside>
      )}
    </div>
  );
}
