import type { VerificationDecisionRequest, VerificationQueue as Queue } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useCallback, useEffect, useState } from "preact/hooks";
import { useListKeys } from "../../use-keys.js";
import { VerificationPair } from "./verification-pair.js";

type Item = Queue["items"][number];

/**
 * Accounts whose security selfie and face image a person must compare (docs/protocol.md, Verified
 * profiles): the selfie beside the profile images with their similarity; `v` verified, `n` not.
 */
export function VerificationQueue({ session }: { session: Session }) {
  const [items, setItems] = useState<Item[]>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<string>();
  const load = useCallback(async () => {
    try {
      setItems((await session.api.get<Queue>("/admin/media/verification")).items);
      setError(undefined);
    } catch (failure) {
      setError(String(failure));
    }
  }, [session]);
  // A media edit that asks for a person also changes the image queue, so its event reloads this one.
  useEffect(() => {
    void load();
    return session.socket.on("moderation_queue_changed", (data) => {
      if (!data || data.queue === "images") void load();
    });
  }, [session, load]);

  const list = items ?? [];
  const index = Math.min(selected, Math.max(0, list.length - 1));
  const current = list[index];
  const decide = async (item: Item, verified: boolean) => {
    const face = item.images[0];
    if (!face) return;
    setItems((all) => all?.filter((other) => other.account_id !== item.account_id));
    const body: VerificationDecisionRequest = {
      account_id: item.account_id,
      security_selfie: item.security_selfie,
      face_image: face.content_id,
      verified,
    };
    try {
      await session.api.post("/admin/media/verification", body);
      setMessage(verified ? "Verified" : "Not verified");
    } catch (failure) {
      setMessage(`Not decided: ${String(failure)}`);
      void load();
    }
  };
  useListKeys(index, list.length, setSelected, {
    v: () => current && void decide(current, true),
    n: () => current && void decide(current, false),
  });

  if (error) return <p role="alert">{error}</p>;
  if (!items) return <p>Loading…</p>;
  return (
    <section class="verification" aria-label="Waiting verifications">
      <h1>
        Verification <span class="count">{list.length} waiting</span>
      </h1>
      <p class="muted keys">
        <kbd>→</kbd>/<kbd>j</kbd> next · <kbd>←</kbd>/<kbd>k</kbd> previous · <kbd>v</kbd> verified ·{" "}
        <kbd>n</kbd> not verified
      </p>
      <p role="status" class="decision">
        {message}
      </p>
      {list.length === 0 && <p>No profile waits for verification.</p>}
      {current && (
        <article aria-label={`Account ${current.account_id}`}>
          <p>
            {index + 1} of {list.length}:{" "}
            <a href={`#/accounts/${current.account_id}`}>{current.account_id}</a>, changed{" "}
            {new Date(current.edited_at).toLocaleString()}
          </p>
          <VerificationPair session={session} item={current} />
          <div class="buttons">
            <button type="button" class="primary" onClick={() => void decide(current, true)}>
              Verified (v)
            </button>
            <button type="button" class="danger" onClick={() => void decide(current, false)}>
              Not verified (n)
            </button>
          </div>
        </article>
      )}
    </section>
  );
}
