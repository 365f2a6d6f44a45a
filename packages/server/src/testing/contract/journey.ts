/**
 * An app's first session, written the way an app developer would against types generated from the
 * served documents (`api.ts` from /openapi.json by openapi-typescript, `ws.ts` from /asyncapi.json's
 * schemas) and openapi-fetch. generated-client.test.ts type-checks it: if it stops compiling, the
 * contract broke. Steps: register, login, hello, setup, upload, browse, like, message.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";
import type { components as frames } from "./ws.js";

type Hello = frames["schemas"]["HelloFrame"];
type Welcome = frames["schemas"]["WelcomeFrame"];
type NewMessage = frames["schemas"]["event.new_message"];
type Match = components["schemas"]["Match"];

function nextFrame<T>(socket: WebSocket): Promise<T> {
  return new Promise((resolve) =>
    socket.addEventListener("message", (event) => resolve(JSON.parse(String(event.data)) as T), {
      once: true,
    }),
  );
}

export async function journey(baseUrl: string, wsUrl: string, photo: Blob, publicKey: string): Promise<void> {
  const api = createClient<paths>({ baseUrl });
  const email = "ada@example.com";
  const password = "correct horse battery staple";

  const registered = await api.POST("/account/register", { body: { email, password } });
  if (registered.error && registered.error.error.code !== "email_taken")
    throw new Error(registered.error.error.message);

  const login = await api.POST("/account/login", { body: { email, password } });
  if (login.error) {
    const failure = login.error.error;
    // Narrowed by its code, the error's details have that code's type.
    if (failure.code === "rate_limited" && failure.details)
      throw new Error(`retry in ${failure.details.retry_after_seconds} s`);
    throw new Error(failure.code);
  }

  const socket = new WebSocket(wsUrl);
  const hello: Hello = {
    type: "hello",
    access_token: login.data.access_token,
    protocol: 1,
    client: { kind: "web", version: "1.0.0" },
  };
  socket.send(JSON.stringify(hello));
  const welcome = await nextFrame<Welcome>(socket);
  const token = welcome.access_token ?? login.data.access_token;
  const me = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });

  await me.POST("/account/setup", {
    body: { name: "Ada", birthdate: "1990-12-10", gender: "woman", looking_for: ["man", "non_binary"] },
  });
  const completed = await me.POST("/account/complete_setup");
  if (completed.error?.error.code === "too_young") return;
  await me.PUT("/profile/location", { body: { latitude: 60.17, longitude: 24.94 } });

  const upload = await me.PUT("/media/upload", {
    body: photo,
    bodySerializer: (body) => body,
    headers: { "content-type": "image/jpeg" },
  });
  if (upload.data) {
    const status = await me.GET("/media/upload/{processing_id}", {
      params: { path: { processing_id: upload.data.processing_id } },
    });
    if (status.data?.state === "completed")
      await me.PUT("/media/profile_content", { body: { images: [status.data.content_id] } });
  }

  const session = await me.POST("/profile/page/reset", { body: {} });
  if (!session.data) return;
  const page = await me.POST("/profile/page/next", { body: { session_id: session.data.session_id } });
  const first = page.data?.profiles[0];
  if (!first) return;

  const liked = await me.POST("/chat/like", { body: { account_id: first.account_id } });
  if (liked.error?.error.code === "daily_like_limit") return;
  const matches = await me.GET("/chat/matches");
  const match: Match | undefined = matches.data?.matches.find((m) => m.account_id === first.account_id);
  if (!match) return;

  const mine = await me.PUT("/chat/public_key", { body: { key: publicKey } });
  const theirs = await me.GET("/chat/public_key/{account_id}", {
    params: { path: { account_id: match.account_id } },
  });
  if (!mine.data || !theirs.data) return;
  const sent = await me.POST("/chat/messages", {
    body: {
      recipient: match.account_id,
      uuid: crypto.randomUUID(),
      sender_key_id: mine.data.key_id,
      recipient_key_id: theirs.data.key_id,
      body: btoa("an OpenPGP message encrypted to their key"),
    },
  });
  const refused = sent.error?.error;
  if (refused?.code === "public_key_outdated" && refused.details)
    console.log(`encrypt again to key ${refused.details.current_key_id} (${refused.details.field})`);
  const reply = await nextFrame<NewMessage>(socket);
  console.log(reply.data.sender, sent.data?.number);
}
