import { unpack } from "msgpackr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createTransport } from "../http/create-transport.js";
import { HttpServer } from "../http/http-server.js";
import { errorReply } from "../http/http-types.js";
import { trustedProxies } from "../http/remote-address.js";
import type { TransportName } from "../http/transport.js";
import { loadNativeUws } from "../http/uws/native-uws.js";
import { createLogger } from "../logger.js";
import { Metrics } from "../metrics/metrics.js";
import { addWebSocketEndpoint } from "./websocket-endpoint.js";

const transports: TransportName[] = "uws" in loadNativeUws() ? ["node", "uws"] : ["node"];

/** The first frame of a connection opened with these headers (the endpoint says its address and protocol). */
function hello(url: string, headers: Record<string, string>, protocol?: string): Promise<unknown> {
  const ws = new WebSocket(url, protocol ? [protocol] : [], { headers });
  return new Promise((resolve, reject) => {
    ws.on("message", (data: Buffer, isBinary) => {
      resolve(isBinary ? unpack(data) : JSON.parse(String(data)));
      ws.close();
    });
    ws.on("error", reject);
  });
}

// The uWS upgrade reads the handshake headers one by one, and every header only when a proxy's is
// there: the client's address from a trusted proxy must come through both ways.
describe.each(transports)("WebSocket client address behind a trusted proxy, %s transport", (name) => {
  let http: HttpServer;
  let url: string;

  beforeAll(async () => {
    const log = createLogger("silent", "test");
    const metrics = new Metrics();
    http = new HttpServer(createTransport(name), {
      host: "127.0.0.1",
      port: 0,
      maxBodyBytes: 1024,
      discard: { maxBytes: 1 << 20, seconds: 5 },
      trustedProxies: trustedProxies(["127.0.0.1"]),
      log,
      metrics,
      onError: () => errorReply(500, "internal_error", "boom"),
    });
    addWebSocketEndpoint(
      http,
      { path: "/ws", maxFrameBytes: 256, idleTimeoutSeconds: 60, maxSendBufferBytes: 1 << 20, log, metrics },
      {
        initialState: () => ({}),
        onOpen: (connection) =>
          connection.send({ address: connection.remoteAddress, binary: connection.binary }),
        onFrame: () => undefined,
        onClose: () => undefined,
        onFrameError: () => undefined,
      },
    );
    url = `ws://127.0.0.1:${await http.listen()}/ws`;
  });

  afterAll(() => http.stopAccepting());

  it("takes the forwarded address from the trusted peer, and the peer's own without one", async () => {
    expect(await hello(url, { "x-forwarded-for": "198.51.100.7" })).toEqual({
      address: "198.51.100.7",
      binary: false,
    });
    expect(await hello(url, { "x-forwarded-for": "198.51.100.7" }, "msgpack")).toMatchObject({
      address: "198.51.100.7",
    });
    expect(await hello(url, {})).toEqual({ address: "127.0.0.1", binary: false });
  });
});
