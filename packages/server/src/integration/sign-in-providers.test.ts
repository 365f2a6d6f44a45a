import { describe, expect, test } from "vitest";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";

const provider = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  issuers: [`https://${name}.example`],
  jwks_url: `http://127.0.0.1:9/${name}/jwks`,
  client_ids: ["android-app", "web-app"],
  ...extra,
});

const configured = useServer({
  config: {
    oidc_providers: [
      provider("google", {
        web_authorize_url: "https://accounts.example/o/oauth2/v2/auth",
        web_client_id: "web-app",
      }),
      provider("apple", { nonce: "sha256" }),
      provider("apple_web", {
        nonce: "sha256",
        web_authorize_url: "https://appleid.example/auth/authorize",
        web_client_id: "web-app",
        web_response_mode: "form_post",
      }),
    ],
  },
});
const bare = useServer();

describe("GET /account/sign_in_providers", () => {
  test("lists the configured providers in order, with the web sign-in only where it is configured", async () => {
    const answer = await request(configured.server.url, "GET", "/account/sign_in_providers");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      providers: [
        {
          name: "google",
          nonce: "plain",
          web: {
            authorize_url: "https://accounts.example/o/oauth2/v2/auth",
            client_id: "web-app",
            response_mode: "fragment",
          },
        },
        { name: "apple", nonce: "sha256", web: null },
        {
          name: "apple_web",
          nonce: "sha256",
          web: {
            authorize_url: "https://appleid.example/auth/authorize",
            client_id: "web-app",
            response_mode: "form_post",
          },
        },
      ],
    });
  });

  test("is an empty list on the embedded defaults", async () => {
    const answer = await request(bare.server.url, "GET", "/account/sign_in_providers");
    expect(answer).toMatchObject({ status: 200, body: { providers: [] } });
  });
});

describe("POST /account/sign_in/oidc/form_post", () => {
  const post = (form: string) =>
    fetch(`${configured.server.url}/account/sign_in/oidc/form_post`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
      redirect: "manual",
    });

  test("sends the browser on to the app with the ID token and state in the fragment, and nothing else", async () => {
    const answer = await post("code=c-123&id_token=eyJ.a.b&state=s%2F1&user=%7B%7D");
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/#id_token=eyJ.a.b&state=s%2F1");
  });

  test("passes a provider's refusal on, and calls a post with neither token nor error an invalid request", async () => {
    expect((await post("error=user_cancelled_authorize&state=s1")).headers.get("location")).toBe(
      "/#state=s1&error=user_cancelled_authorize",
    );
    expect((await post("state=s1")).headers.get("location")).toBe("/#state=s1&error=invalid_request");
  });
});
