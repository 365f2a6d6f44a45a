import type { AdminNewsItem, AdminNewsList, NewsItemRequest } from "@venus/model";
import { ApiError, ConfirmButton, type Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import { useLoad } from "../../use-load.js";

const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

/** The request a filled-in "Write news" form stands for: one language; a banner when a severity is chosen. */
function requestFrom(form: HTMLFormElement): NewsItemRequest {
  const language = field(form, "language");
  const severity = field(form, "severity");
  const until = field(form, "until");
  return {
    default_language: language,
    translations: { [language]: { title: field(form, "title"), body: field(form, "body") } },
    banner:
      severity && until
        ? { severity: severity as "info" | "warning" | "critical", until: new Date(until).getTime() }
        : null,
  };
}

function NewsRow({ session, item, changed }: { session: Session; item: AdminNewsItem; changed(): void }) {
  const text = item.translations[item.default_language];
  const act = (path: string) => () => void session.api.post(`/admin/news/${item.id}/${path}`).then(changed);
  return (
    <tr>
      <td>{text?.title}</td>
      <td>{Object.keys(item.translations).join(", ")}</td>
      <td>
        {item.published_at === null ? "Draft" : `Published ${new Date(item.published_at).toLocaleString()}`}
      </td>
      <td>
        {item.banner
          ? `${item.banner.severity} banner until ${new Date(item.banner.until).toLocaleString()}`
          : "—"}
      </td>
      <td class="buttons">
        {item.published_at === null ? (
          <button type="button" onClick={act("publish")}>
            Publish
          </button>
        ) : (
          <button type="button" onClick={act("unpublish")}>
            Unpublish
          </button>
        )}
        <ConfirmButton
          label="Delete"
          danger
          question={`Delete "${text?.title ?? item.id}" for good?`}
          action={async () => {
            await session.api.delete(`/admin/news/${item.id}`);
            changed();
            return "Deleted";
          }}
        />
      </td>
    </tr>
  );
}

/** News items (drafts too), and a form that writes a draft in one language with an optional banner. */
export function NewsPart({ session }: { session: Session }) {
  const [changes, setChanges] = useState(0);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const list = useLoad(() => session.api.get<AdminNewsList>("/admin/news"), [changes]);
  const changed = () => setChanges((count) => count + 1);
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    try {
      await session.api.post("/admin/news", requestFrom(form));
      form.reset();
      setResult({ ok: true, text: "Draft saved" });
      changed();
    } catch (error) {
      setResult({
        ok: false,
        text: error instanceof ApiError ? `${error.code}: ${error.message}` : String(error),
      });
    }
  };
  return (
    <section aria-label="News" class="part wide">
      <h2>News</h2>
      {list.error && <p class="muted">{list.error}</p>}
      {list.data && list.data.items.length === 0 && <p class="muted">No news yet.</p>}
      {list.data && list.data.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Title</th>
              <th>Languages</th>
              <th>State</th>
              <th>Banner</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((item) => (
              <NewsRow key={item.id} session={session} item={item} changed={changed} />
            ))}
          </tbody>
        </table>
      )}
      <form aria-label="Write news" class="news-form" onSubmit={(event) => void create(event)}>
        <h3>Write news</h3>
        <label>
          Language <input name="language" required pattern="[a-z]{2,3}" defaultValue="en" size={3} />
        </label>
        <label>
          Title <input name="title" required maxLength={200} />
        </label>
        <label>
          Text <textarea name="body" rows={4} maxLength={20000} />
        </label>
        <label>
          Banner severity
          <select name="severity">
            <option value="">none</option>
            <option value="info">info</option>
            <option value="warning">warning</option>
            <option value="critical">critical</option>
          </select>
        </label>
        <label>
          Banner until <input name="until" type="datetime-local" />
        </label>
        <div class="buttons">
          <button type="submit">Save draft</button>
        </div>
        {result && (
          <p role={result.ok ? "status" : "alert"} class={result.ok ? "result" : "error"}>
            {result.text}
          </p>
        )}
      </form>
    </section>
  );
}
