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
          web: { authorize_url: "https://accounts.example/o/oauth2/v2/auth", client_id: "web-app" },
        },
        { name: "apple", nonce: "sha256", web: null },
      ],
    });
  });

  test("is an empty list on the embedded defaults", async () => {
    const answer = await request(bare.server.url, "GET", "/account/sign_in_providers");
    expect(answer).toMatchObject({ status: 200, body: { providers: [] } });
  });
});
