import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "./use-action.js";

/** The server's default report categories (`reports.categories`). */
const CATEGORIES = ["spam", "scam", "harassment", "threat", "nudity", "sexual_content", "underage", "other"];

/** What every report asks: a category and, optionally, a text (`details`). */
export function CategoryFields() {
  const t = useT();
  return (
    <>
      <label>
        {t("report.category")}
        <select name="category" required>
          {CATEGORIES.map((category) => (
            <option value={category}>{t(`report.category.${category}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t("report.details")}
        <textarea name="details" maxLength={2000} rows={3} />
      </label>
    </>
  );
}

/** The category and text of a report form, as the request body has them. */
export function categoryOf(form: HTMLFormElement): { category: string; details?: string } {
  const category = (form.elements.namedItem("category") as HTMLSelectElement).value;
  const details = (form.elements.namedItem("details") as HTMLTextAreaElement).value.trim();
  return details ? { category, details } : { category };
}

/** Reports received messages (their signed envelopes, as received) with a category and text. */
export function ReportForm({ messages, onDone }: { messages: unknown[]; onDone(): void }) {
  const t = useT();
  const { session, notice } = useApp();
  const { busy, error, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void run(async () => {
      await session.api.post("/chat/report", { ...categoryOf(form), messages });
      notice(t("report.sent"));
      onDone();
    });
  };
  return (
    <form class="card report" onSubmit={submit} aria-label={t("report.title")}>
      <h2>{t("report.title")}</h2>
      {messages.length === 0 && <p>{t("report.no_messages")}</p>}
      <CategoryFields />
      <button type="submit" disabled={busy || messages.length === 0}>
        {t("report.submit")}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
