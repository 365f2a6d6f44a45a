import { NO_TRUSTED_PROXIES } from "./remote-address.js";
import { createHash, randomBytes } from "node:crypto";
import { connect } from "node:net";
import { pack, unpack } from "msgpackr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createLogger } from "../logger.js";
import { Metrics } from "../metrics/metrics.js";
import { addWebSocketEndpoint } from "../ws/websocket-endpoint.js";
import { createTransport } from "./create-transport.js";
import { HttpServer } from "./http-server.js";
import { errorReply } from "./http-types.js";
import type { TransportName } from "./transport.js";
import { loadNativeUws } from "./uws/native-uws.js";

const transports: TransportName[] = "uws" in loadNativeUws() ? ["node", "uws"] : ["node"];

function closeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on("close", (code) => resolve(code)));
}

/** A client socket and every frame it receives, decoded. */
function opened(url: string, protocol?: string): Promise<{ ws: WebSocket; frames: unknown[] }> {
  const ws = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
  const frames: unknown[] = [];
  ws.on("message", (data: Buffer, isBinary) =>
    frames.push(isBinary ? unpack(data) : JSON.parse(String(data))),
  );
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve({ ws, frames }));
    ws.on("error", reject);
  });
}

function refused(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

describe.each(transports)("HttpServer on the %s transport", (name) => {
  const log = createLogger("silent", "test");
  const metrics = new Metrics();
  let http: HttpServer;
  let base: string;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    http = new HttpServer(createTransport(name), {
      host: "127.0.0.1",
      port: 0,
      maxBodyBytes: 1024,
      discard: { maxBytes: 1 << 20, seconds: 5 },
      trustedProxies: NO_TRUSTED_PROXIES,
      log,
      metrics,
      onError: () => errorReply(500, "internal_error", "boom"),
    });
    http.route("get", "/items/:id", (ctx) => ({
      status: 200,
      body: { params: ctx.params, q: ctx.query.get("q") },
    }));
    http.route("get", "/items/special", () => ({ status: 200, body: { special: true } }));
    http.route("get", "/files/*", (ctx) => ({ status: 200, body: { url: ctx.url } }));
    http.route("get", "/who", (ctx) => ({
      status: 200,
      body: { address: ctx.remoteAddress, id: ctx.requestId },
    }));
    http.route("post", "/echo", (ctx) => ({ status: 200, body: { length: ctx.body.length } }));
    http.route("post", "/big", (ctx) => ({ status: 200, body: { length: ctx.body.length } }), {
      maxBodyBytes: 4096,
    });
    http.route(
      "post",
      "/digest",
      (ctx) => ({ status: 200, body: { sha256: createHash("sha256").update(ctx.body).digest("hex") } }),
      { maxBodyBytes: 1024 * 1024 },
    );
    http.route("get", "/throw", () => {
      throw new Error("handler bug");
    });
    http.route("get", "/slow", () => new Promise((resolve) => (release = () => resolve({ status: 204 }))));
    addWebSocketEndpoint(
      http,
      { path: "/ws", maxFrameBytes: 256, idleTimeoutSeconds: 60, maxSendBufferBytes: 1 << 20, log, metrics },
      {
        initialState: () => ({}),
        onOpen: (connection) =>
          connection.send({ hello: connection.remoteAddress, binary: connection.binary }),
        onFrame: (connection, frame) => {
          if ((frame as { boom?: boolean }).boom) throw new Error("frame handler bug");
          connection.send({ echo: frame instanceof Error ? "undecodable" : frame });
        },
        onClose: () => undefined,
        onFrameError: (connection) => connection.close(1011, "internal_error"),
      },
    );
    http.notFound();
    base = `http://127.0.0.1:${await http.listen()}`;
  });

  afterAll(() => http.stopAccepting());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const answer = await fetch(base + path, { headers });
    return { status: answer.status, body: (await answer.json()) as unknown, headers: answer.headers };
  };
  const post = async (path: string, size: number) => {
    const answer = await fetch(base + path, { method: "POST", body: Buffer.alloc(size, "a") });
    return { status: answer.status, body: (await answer.json()) as unknown };
  };

  it("routes :param patterns (still encoded on the wire, decoded for the handler), static before param, and *", async () => {
    expect(await get("/items/a%20b?q=1")).toMatchObject({ status: 200, body: { params: ["a b"], q: "1" } });
    expect(await get("/items/special")).toMatchObject({ status: 200, body: { special: true } });
    expect(await get("/files/x/y.txt")).toMatchObject({ status: 200, body: { url: "/files/x/y.txt" } });
  });

  it("answers unknown routes and methods 404 not_found, bad encodings 400 invalid_path, throws 500", async () => {
    expect(await get("/nothing")).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await fetch(`${base}/items/1`, { method: "DELETE" })).status).toBe(404);
    expect((await fetch(`${base}/nothing`, { method: "POST", body: "{}" })).status).toBe(404);
    expect(await get("/items/%E0%A4%A")).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_path" } },
    });
    expect(await get("/throw")).toMatchObject({ status: 500, body: { error: { code: "internal_error" } } });
  });

  it("gives the peer address and a request id (the client's when well-formed)", async () => {
    const own = await get("/who", { "x-request-id": "req-1.a_B" });
    expect(own.body).toEqual({ address: "127.0.0.1", id: "req-1.a_B" });
    expect(own.headers.get("x-request-id")).toBe("req-1.a_B");
    const bad = await get("/who", { "x-request-id": "has spaces" });
    expect((bad.body as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reads bodies up to the limit, per route; one byte more is 413 payload_too_large", async () => {
    expect(await post("/echo", 1024)).toEqual({ status: 200, body: { length: 1024 } });
    expect(await post("/echo", 1025)).toMatchObject({
      status: 413,
      body: { error: { code: "payload_too_large" } },
    });
    expect(await post("/big", 4096)).toEqual({ status: 200, body: { length: 4096 } });
    expect((await post("/big", 4097)).status).toBe(413);
  });

  it("reads a body of many chunks whole and in order, with a content-length or chunked", async () => {
    const bytes = randomBytes(700 * 1024);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const sized = await fetch(`${base}/digest`, { method: "POST", body: bytes });
    expect(await sized.json()).toEqual({ sha256 });
    const pieces = [bytes.subarray(0, 100_000), bytes.subarray(100_000, 400_000), bytes.subarray(400_000)];
    const chunked = await fetch(`${base}/digest`, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (const piece of pieces) controller.enqueue(piece);
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(await chunked.json()).toEqual({ sha256 });
  });

  it("WebSocket: JSON text, the msgpack subprotocol, a handler that throws is answered by onFrameError (here: close 1011), a frame over the limit closes", async () => {
    const { ws: json, frames: jsonFrames } = await opened(`${base.replace("http", "ws")}/ws`);
    json.send(JSON.stringify({ a: 1 }));
    json.send(JSON.stringify({ boom: true }));
    expect(await closeOf(json)).toBe(1011);
    expect(jsonFrames).toEqual([{ hello: "127.0.0.1", binary: false }, { echo: { a: 1 } }]);

    const { ws: binary, frames: binaryFrames } = await opened(`${base.replace("http", "ws")}/ws`, "msgpack");
    expect(binary.protocol).toBe("msgpack");
    binary.send(pack({ b: 2 }));
    while (binaryFrames.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    binary.send("x".repeat(257));
    expect(await closeOf(binary)).toBe(name === "uws" ? 1006 : 1009);
    expect(binaryFrames).toEqual([{ hello: "127.0.0.1", binary: true }, { echo: { b: 2 } }]);
  });

  it("stops accepting: a request in flight is answered and drain waits for it", async () => {
    const slow = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    http.stopAccepting();
    let drained = false;
    const draining = http.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(drained).toBe(false);
    release();
    expect((await slow).status).toBe(204);
    await draining;
    expect(await refused(Number(new URL(base).port))).toBe("ECONNREFUSED");
  });
});
