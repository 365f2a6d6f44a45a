import { createServer, type Server, type Socket } from "node:net";
import { rmSync } from "node:fs";
import { Packr } from "msgpackr";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startManager, type RunningManager } from "../testing/spawn-manager.js";

// Manager-to-manager: forwarding by name over a direct URL and over a link the remote dialled,
// and the manager API over its WebSocket. Real managers on loopback only.

const KEYS = {
  a: "key-of-manager-a-0123456789",
  b: "key-of-manager-b-0123456789",
  c: "key-of-manager-c-0123456789",
};
const packr = new Packr({ useRecords: false });
const started: RunningManager[] = [];
let a: RunningManager; // supervises a real server
let b: RunningManager; // the hub: reaches a by URL and c over c's link
let blackhole: Server; // accepts connections and never answers
const held: Socket[] = [];

const socketUrl = (manager: RunningManager) => `${manager.url.replace("http", "ws")}/manager/ws`;

async function start(options: Parameters<typeof startManager>[0]) {
  const manager = await startManager(options);
  started.push(manager);
  return manager;
}

/** Manager c: no server, no open port anyone uses; it dials b and keeps the link. */
const startC = () =>
  start({
    apiKey: KEYS.c,
    config: {
      server: { control: "none" },
      links: { keepalive_seconds: 1, reconnect_base_ms: 100 },
      outbound_links: [{ url: socketUrl(b), api_key: KEYS.b, name: "c" }],
      remotes: [
        {
          name: "blackhole",
          url: `http://127.0.0.1:${(blackhole.address() as { port: number }).port}`,
          api_key: "x",
        },
      ],
    },
  });

beforeAll(async () => {
  blackhole = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
  a = await start({ apiKey: KEYS.a });
  b = await start({
    apiKey: KEYS.b,
    config: {
      server: { control: "none" },
      remotes: [
        { name: "a", url: a.url, api_key: KEYS.a },
        { name: "c", api_key: KEYS.c },
      ],
    },
  });
});

afterAll(() => {
  for (const manager of started) {
    manager.kill();
    rmSync(manager.dir, { recursive: true, force: true });
  }
  held.forEach((socket) => socket.destroy());
  blackhole.close();
});

describe("manager-to-manager forwarding", () => {
  test("a request for a named remote goes to its URL and its answer comes back as it is", async () => {
    const server = await a.serverUp();
    const forwarded = await b.api<{ control: string; pid: number }>("GET", "/manager/remotes/a/server");
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toMatchObject({ control: "child", pid: server.pid });

    const logs = await b.api<{ lines: unknown[] }>("GET", "/manager/remotes/a/logs?lines=3");
    expect(logs.body.lines).toHaveLength(3);
    // The remote's refusals pass through unchanged.
    expect((await b.api("GET", "/manager/remotes/a/logs?lines=0")).body).toMatchObject({
      error: { code: "invalid_request" },
    });
    expect((await b.api("GET", "/manager/server")).body).toMatchObject({ control: "none", running: false });
    expect((await b.api("POST", "/manager/server/restart")).body).toMatchObject({
      error: { code: "server_not_supervised" },
    });
  });

  test("an unknown name, or a link-only remote that is not connected, gets a clear error", async () => {
    const unknown = await b.api("GET", "/manager/remotes/nobody/server");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: "unknown_remote" } });
    expect(JSON.stringify(unknown.body)).toContain("a, c");
    const notConnected = await b.api("GET", "/manager/remotes/c/server");
    expect(notConnected.status).toBe(503);
    expect(notConnected.body).toMatchObject({ error: { code: "remote_not_connected" } });
  });

  test("a manager that dials out is reached over its link; a lost link fails waiting requests at once", async () => {
    const c = await startC();
    await c.until("c's link to b", async () => {
      const { body } = await c.api<{ outbound_links: { connected: boolean }[] }>("GET", "/manager/links");
      return body.outbound_links[0]?.connected ? true : undefined;
    });
    const remotes = await b.api<{ remotes: { name: string; link_connected: boolean }[] }>(
      "GET",
      "/manager/remotes",
    );
    expect(remotes.body.remotes).toContainEqual({ name: "c", url: "", link_connected: true });
    const info = await b.api<{ version: string; server: { control: string } }>(
      "GET",
      "/manager/remotes/c/system_info",
    );
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ version: "0.1.0", server: { control: "none" } });

    // c forwards this one on to a remote that never answers; c dies while b waits for it.
    const waiting = b.api("GET", "/manager/remotes/c/remotes/blackhole/server");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    c.kill("SIGKILL");
    const lost = await waiting;
    expect(lost.status).toBe(502);
    expect(lost.body).toMatchObject({ error: { code: "link_lost" } });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect((await b.api("GET", "/manager/remotes/c/server")).body).toMatchObject({
      error: { code: "remote_not_connected" },
    });

    // A new c dials in again and is reachable once more.
    const again = await startC();
    await b.until("c's new link", async () => {
      const answer = await b.api<{ control: string }>("GET", "/manager/remotes/c/server");
      return answer.status === 200 ? answer.body : undefined;
    });
    expect(
      (await again.api<{ outbound_links: unknown[] }>("GET", "/manager/links")).body.outbound_links,
    ).toEqual([{ url: socketUrl(b), name: "c", connected: true }]);
  });
});

describe("the manager API over its WebSocket", () => {
  function open(manager: RunningManager, hello: object) {
    const socket = new WebSocket(socketUrl(manager), "msgpack");
    const frames: Record<string, unknown>[] = [];
    const waiters: (() => void)[] = [];
    socket.on("message", (data: Buffer) => {
      frames.push(packr.unpack(data) as Record<string, unknown>);
      waiters.splice(0).forEach((wake) => wake());
    });
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    socket.on("open", () => socket.send(packr.pack(hello)));
    const next = async (type: string) => {
      for (;;) {
        const index = frames.findIndex((frame) => frame.type === type);
        if (index >= 0) return frames.splice(index, 1)[0] as Record<string, unknown>;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    return { socket, next, closed };
  }

  test("after hello with the key, requests are answered by id like over HTTP", async () => {
    const client = open(a, { type: "hello", key: KEYS.a, role: "client" });
    expect(await client.next("welcome")).toMatchObject({ version: "0.1.0" });
    client.socket.send(packr.pack({ type: "request", id: 7, method: "GET", path: "/manager/logs?lines=2" }));
    client.socket.send(packr.pack({ type: "request", id: 8, method: "GET", path: "/manager/nothing" }));
    const first = await client.next("response");
    const second = await client.next("response");
    const byId = new Map([first, second].map((frame) => [frame.id, frame]));
    expect(byId.get(7)).toMatchObject({
      status: 200,
      body: { lines: [expect.anything(), expect.anything()] },
    });
    expect(byId.get(8)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    client.socket.send(packr.pack({ type: "ping" }));
    expect(await client.next("pong")).toEqual({ type: "pong" });
    client.socket.close();
  });

  test("a wrong key is refused after a delay and the socket closed; a malformed frame closes it too", async () => {
    const started = Date.now();
    const wrong = open(a, { type: "hello", key: "not-the-key", role: "client" });
    expect(await wrong.next("error")).toMatchObject({ code: "invalid_api_key" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await wrong.closed).toBe(4001);

    const bad = open(a, { type: "hello", key: KEYS.a, role: "link" }); // a link must give its name
    expect(await bad.next("error")).toMatchObject({ code: "invalid_frame" });
    expect(await bad.closed).toBe(4002);
  });
});
