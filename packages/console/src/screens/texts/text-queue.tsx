import type { ModerationDecisionRequest, ModerationQueuePage } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import type { Permissions } from "../../permissions.js";
import { useListKeys } from "../../use-keys.js";
import { RecentDecisions } from "../recent-decisions.js";
import { useQueue } from "../../use-queue.js";

type Item = ModerationQueuePage["items"][number];
const keyOf = (item: Item) => `${item.account_id}/${item.field}/${item.changed_at}`;

/** Names and profile texts waiting for a moderator, oldest first, decided like the image queue. */
export function TextQueue({ session, permissions }: { session: Session; permissions: Permissions }) {
  const queue = useQueue<Item>(session, "/admin/profile/moderation", "texts", keyOf);
  const [selected, setSelected] = useState(0);
  const [rejecting, setRejecting] = useState(false);
  const [message, setMessage] = useState<string>();
  const [decided, setDecided] = useState(0);
  const items = queue.items ?? [];
  const index = Math.min(selected, Math.max(0, items.length - 1));
  const current = items[index];

  const decide = async (item: Item, accept: boolean, reason = "") => {
    setRejecting(false);
    queue.remove(item);
    const body: ModerationDecisionRequest = {
      account_id: item.account_id,
      field: item.field,
      accept,
      changed_at: item.changed_at,
      ...(accept || !reason ? {} : { reason }),
    };
    try {
      await session.api.post("/admin/profile/moderation", body);
      setMessage(`${accept ? "Accepted" : "Rejected"} ${item.field}`);
      setDecided((count) => count + 1);
    } catch (error) {
      setMessage(`Not decided: ${String(error)}`);
      void queue.reload();
    }
  };
  useListKeys(
    index,
    items.length,
    setSelected,
    { a: () => current && void decide(current, true), r: () => current && setRejecting(true) },
    { axis: "column", enabled: !rejecting },
  );
  if (queue.error) return <p role="alert">{queue.error}</p>;
  if (!queue.items) return <p>Loading…</p>;
  return (
    <section aria-label="Waiting names and texts">
      <h1>
        Names and texts <span class="count">{items.length} waiting</span>
      </h1>
      <p class="muted keys">
        <kbd>↓</kbd>/<kbd>j</kbd> next · <kbd>↑</kbd>/<kbd>k</kbd> previous · <kbd>a</kbd> accept ·{" "}
        <kbd>r</kbd> reject (type a reason, <kbd>Enter</kbd>) · <kbd>Esc</kbd> cancel
      </p>
      <p role="status" class="decision">
        {message}
      </p>
      {items.length === 0 && <p>The queue is empty.</p>}
      <ol class="text-list">
        {items.map((item, at) => (
          <li key={keyOf(item)} class={at === index ? "selected" : undefined} aria-current={at === index}>
            <button type="button" class="plain" onClick={() => setSelected(at)}>
              <span class="tag">{item.field}</span> <q>{item.value}</q>{" "}
              <span class="muted">{new Date(item.changed_at).toLocaleString()}</span>
            </button>
            {at === index && (
              <div class="buttons">
                <button type="button" class="primary" onClick={() => void decide(item, true)}>
                  Accept (a)
                </button>
                <a href={`#/accounts/${item.account_id}`}>Account page</a>
                {rejecting ? (
                  <form
                    aria-label="Reject"
                    class="inline"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const reason = (event.currentTarget.elements.namedItem("reason") as HTMLInputElement)
                        .value;
                      void decide(item, false, reason);
                    }}
                    onKeyDown={(event) => event.key === "Escape" && setRejecting(false)}
                  >
                    <input name="reason" aria-label="Reason for the owner" maxLength={1000} autoFocus />
                    <button type="submit" class="danger">
                      Reject
                    </button>
                  </form>
                ) : (
                  <button type="button" class="danger" onClick={() => setRejecting(true)}>
                    Reject (r)
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      <RecentDecisions
        permissions={permissions}
        session={session}
        action="POST /admin/profile/moderation"
        reload={queue.loads + decided}
      />
    </section>
  );
}
