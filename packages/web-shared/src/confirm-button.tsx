import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { ApiError } from "./api-error.js";

interface ConfirmButtonProps {
  label: string;
  /** The question the dialog asks; extra fields (a reason) go in `children`, read by `action`. */
  question: string;
  action(form: HTMLFormElement): Promise<string>;
  danger?: boolean;
  children?: ComponentChildren;
}

/** A button that asks in a modal dialog before it acts, then shows what happened. */
export function ConfirmButton({ label, question, action, danger, children }: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setResult({ ok: true, text: await action(event.currentTarget as HTMLFormElement) });
      dialog.current?.close();
    } catch (error) {
      setResult({
        ok: false,
        text: error instanceof ApiError ? `${error.code}: ${error.message}` : String(error),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="confirm">
      <button
        type="button"
        class={danger ? "danger" : undefined}
        onClick={() => {
          setResult(undefined);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-label={label}>
        <form method="dialog" onSubmit={submit}>
          <p>{question}</p>
          {children}
          <div class="buttons">
            <button type="submit" class={danger ? "danger" : undefined} disabled={busy}>
              {label}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
          {result && !result.ok && (
            <p role="alert" class="error">
              {result.text}
            </p>
          )}
        </form>
      </dialog>
      {result?.ok && (
        <span role="status" class="result">
          {result.text}
        </span>
      )}
    </span>
  );
}
