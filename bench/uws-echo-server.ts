/**
 * The baseline for the WebSocket benchmarks: a bare uWebSockets.js server, run as its own process,
 * that answers the same JSON ping with the same JSON pong as Venus and does nothing else.
 */
import { requireNativeUws } from "../packages/simple-backend/src/http/uws/native-uws.js";

const uws = requireNativeUws();

uws
  .App()
  .ws("/ws", {
    idleTimeout: 960,
    maxPayloadLength: 128 * 1024,
    sendPingsAutomatically: false,
    message: (socket, message) => {
      const frame = JSON.parse(Buffer.from(message).toString("utf8")) as {
        type?: unknown;
        id?: unknown;
      };
      if (frame.type === "ping") socket.send(JSON.stringify({ type: "pong", id: frame.id }), false);
    },
  })
  .listen("127.0.0.1", 0, (listenSocket) => {
    if (!listenSocket) throw new Error("cannot listen on 127.0.0.1");
    const port = uws.us_socket_local_port(listenSocket as never);
    process.stdout.write(`${JSON.stringify({ msg: "listening", port })}\n`);
  });
