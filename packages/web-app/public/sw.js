// The web app's service worker: shows WebPush notifications while no page of the app is open and
// opens the app when one is clicked. A push carries no private content, only what kind of thing
// happened; the text comes from the same message files as the page's (public/messages).
const KINDS = [
  "message",
  "like",
  "match",
  "moderation",
  "account",
  "account_deletion_reminder",
  "news",
  "automatic_search",
];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function texts() {
  for (const tag of [...(self.navigator.languages || []), "en"]) {
    const language = tag.toLowerCase().split("-")[0];
    const response = await fetch(`/messages/${language}.json`).catch(() => undefined);
    if (response && response.ok) return response.json();
  }
  return {};
}

async function show(data) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const visible = windows.find((client) => client.visibilityState === "visible");
  if (visible) {
    // The page is open: it shows its own in-page notice.
    visible.postMessage({ type: "push", data });
    return;
  }
  const kind = KINDS.includes(data.kind) ? data.kind : "news";
  const t = await texts();
  await self.registration.showNotification(t["push.title"] || "Venus", {
    body: t[`push.${kind}`] || "",
    tag: `venus-${kind}`,
    icon: "/icon.svg",
    data: { url: kind === "message" || kind === "match" ? "/#/matches" : kind === "like" ? "/#/likes" : "/" },
  });
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  event.waitUntil(show(data));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((windows) => {
      const open = windows[0];
      if (open) return open.navigate(url).then((client) => client && client.focus());
      return self.clients.openWindow(url);
    }),
  );
});
