import type { AccountStateResponse } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ChatService } from "./chat/chat-service.js";

/** What every signed-in screen uses: the session (API, socket), the account's state and its chat. */
export interface AppContext {
  session: Session;
  accountId: string;
  state: AccountStateResponse;
  refreshState(): Promise<void>;
  chat: ChatService | undefined;
  notice(text: string): void;
}

export const App = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const app = useContext(App);
  if (!app) throw new Error("no app context above this component");
  return app;
}
