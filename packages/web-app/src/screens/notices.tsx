import { useState } from "preact/hooks";

export interface NoticeList {
  items: { id: number; text: string }[];
  /** `stay`: until closed (an update), not gone after a while. */
  add(text: string, stay?: boolean): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** In-page notices (a match, a like, maintenance): each goes after a while or when closed. */
export function useNotices(): NoticeList {
  const [items, setItems] = useState<{ id: number; text: string }[]>([]);
  const dismiss = (id: number) => setItems((list) => list.filter((item) => item.id !== id));
  const add = (text: string, stay = false) => {
    const id = nextId++;
    setItems((list) => [...list, { id, text }]);
    if (!stay) setTimeout(() => dismiss(id), 8000);
  };
  return { items, add, dismiss };
}

export function Notices({ notices }: { notices: NoticeList }) {
  return (
    <div class="notices" role="status" aria-live="polite">
      {notices.items.map((item) => (
        <p key={item.id} class="notice">
          {item.text}
          <button type="button" class="link" aria-label="×" onClick={() => notices.dismiss(item.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
