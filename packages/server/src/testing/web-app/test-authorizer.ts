import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestIssuer } from "@venus/data-account/testing";

/** Who the next sign-in at the test provider is. */
export interface TestIdentity {
  subject: string;
  email: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);

/**
 * A provider's authorization endpoint on 127.0.0.1, for the web app's "Sign in with …" redirect:
 * `GET /authorize` shows a consent page whose "Continue" sends the browser back with a real ID token
 * the issuer signs (aud = client_id, nonce as sent), and "Cancel" with `error=access_denied` — by a
 * redirect with the answer in the fragment
 * (response_mode=fragment), or by a form posted to redirect_uri (form_post). It records each
 * authorization request so a test can check what the app asked for.
 */
export async function startTestAuthorizer(issuer: TestIssuer) {
  const requests: URLSearchParams[] = [];
  let identity: TestIdentity | undefined;
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const params = url.searchParams;
      if (url.pathname === "/authorize") {
        requests.push(params);
        const hidden = [...params]
          .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
          .join("");
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return response.end(
          `<!doctype html><title>Test provider</title><h1>Test provider</h1>` +
            `<form action="/continue">${hidden}<button>Continue</button></form>` +
            `<form action="/cancel">${hidden}<button>Cancel</button></form>`,
        );
      }
      if (url.pathname !== "/continue" && url.pathname !== "/cancel") return response.writeHead(404).end();
      const state = params.get("state") ?? "";
      let answer: Record<string, string> = { error: "access_denied", state };
      if (url.pathname === "/continue") {
        if (!identity) throw new Error("the test set no identity for the provider to sign in");
        const idToken = await issuer.sign({
          aud: params.get("client_id"),
          nonce: params.get("nonce"),
          sub: identity.subject,
          email: identity.email,
        });
        answer = { id_token: idToken, state };
      }
      const redirectUri = params.get("redirect_uri") ?? "";
      if (params.get("response_mode") === "form_post") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return response.end(
          `<!doctype html><title>Test provider</title><form method="post" action="${escapeHtml(redirectUri)}">` +
            `<input type="hidden" name="code" value="unused-code">` +
            Object.entries(answer)
              .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
              .join("") +
            `<button>Back to the app</button></form>`,
        );
      }
      response.writeHead(302, { location: `${redirectUri}#${new URLSearchParams(answer)}` }).end();
    })().catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    authorizeUrl: `${origin}/authorize`,
    requests,
    signInAs(next: TestIdentity) {
      identity = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type TestAuthorizer = Awaited<ReturnType<typeof startTestAuthorizer>>;
