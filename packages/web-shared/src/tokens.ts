import type { LoginResponse } from "@venus/model";

/**
 * The signed-in device's tokens, kept per browser tab (sessionStorage): each tab is its own device with
 * its own WebSocket, as the server wants, and a reload keeps the tab signed in.
 */
export class TokenStore {
  constructor(private readonly key: string) {}

  load(): LoginResponse | undefined {
    const text = sessionStorage.getItem(this.key);
    return text ? (JSON.parse(text) as LoginResponse) : undefined;
  }

  save(tokens: LoginResponse): void {
    sessionStorage.setItem(this.key, JSON.stringify(tokens));
  }

  clear(): void {
    sessionStorage.removeItem(this.key);
  }
}
