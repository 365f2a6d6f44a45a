import { connect, login, type SignedIn } from "../sign-in.js";
import type { Answer } from "./send-request.js";
import type { FuzzRequest } from "./http-request.js";

/**
 * A signed-in device whose access token stays live: the fuzzing may log it out (a valid
 * `POST /account/logout` is a request like any other), so a 401 on the session's own token signs in
 * again before the next request.
 */
export class LiveSession {
  private signedIn: SignedIn | undefined;
  private stale = true;

  constructor(
    private readonly server: { url: string; wsUrl: string },
    readonly email: string,
  ) {}

  get token(): string {
    return this.signedIn?.accessToken ?? "";
  }

  get accountId(): string {
    return this.signedIn?.accountId ?? "";
  }

  async ensureLive(): Promise<void> {
    if (!this.stale) return;
    this.signedIn?.ws.close();
    this.signedIn = await connect(this.server, await login(this.server, this.email));
    this.stale = false;
  }

  note(request: FuzzRequest, answer: Answer): void {
    if (request.auth.kind === "session" && answer.status === 401) this.stale = true;
  }

  close(): void {
    this.signedIn?.ws.close();
  }
}
