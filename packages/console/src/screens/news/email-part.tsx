import type { CustomEmailRequest, CustomEmailResponse } from "@venus/model";
import { ConfirmButton, type Session } from "@venus/web-shared";

const value = (fields: Element, name: string) =>
  (fields.querySelector(`[name=${name}]`) as HTMLInputElement | HTMLTextAreaElement).value.trim();

/** A mail to every user or to one account, sent after a confirmation (docs/admin.md, "Custom email"). */
export function EmailPart({ session }: { session: Session }) {
  return (
    <section aria-label="Email to users" class="part wide">
      <h2>Email to users</h2>
      {/* Not a form: the confirmation dialog holds its own. */}
      <div role="group" aria-label="Email" class="news-form">
        <label>
          To account (id; empty: all users) <input name="account" size={36} />
        </label>
        <label>
          Subject <input name="subject" required maxLength={200} />
        </label>
        <label>
          Text <textarea name="text" rows={6} />
        </label>
        <ConfirmButton
          label="Send"
          question="Send this mail? Each mail carries an unsubscribe link."
          action={async (dialogForm) => {
            const form = dialogForm.closest("section")?.querySelector(".news-form");
            if (!form) throw new Error("the mail fields are gone");
            const account = value(form, "account");
            const body: CustomEmailRequest = {
              to: account ? { account_id: account } : "all",
              subject: value(form, "subject"),
              text: value(form, "text"),
            };
            const sent = await session.api.post<CustomEmailResponse>("/admin/email", body);
            return `Queued ${sent.queued} mail${sent.queued === 1 ? "" : "s"}`;
          }}
        />
      </div>
    </section>
  );
}
