import { describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { connect, login, register, signUp } from "../testing/sign-in.js";
import { useServer } from "../testing/server-fixture.js";
import { transportsUnderTest } from "../testing/transports.js";

describe.each(transportsUnderTest())(
  "WebSocket idle timeout and slow consumers (transport %s)",
  (transport) => {
    const fixture = useServer({
      config: {
        http: { transport },
        rate_limits: GENEROUS_RATE_LIMITS,
        websocket: {
          idle_timeout_seconds: 8,
          max_send_buffer_bytes: 16384,
          messages_per_second: 1_000_000,
          message_burst: 1_000_000,
          max_frame_bytes: 1_048_576,
        },
      },
    });

    test("a connection that sends nothing is closed after the idle timeout; one that pings stays", async () => {
      const tokens = await login(fixture.server, await register(fixture.server));
      // The idle connection's last frame is its hello, sent inside connect: the wait counts from (just before) there.
      const started = Date.now();
      const idle = await connect(fixture.server, tokens);
      const busy = await signUp(fixture.server);
      const pinger = setInterval(() => busy.ws.send({ type: "ping", id: "keep" }), 2000);
      await idle.ws.closed;
      const waited = Date.now() - started;
      clearInterval(pinger);
      // uWS counts idle time in 4-second ticks: an 8 s timeout may fire after 4 s (docs/operations.md).
      expect(waited).toBeGreaterThanOrEqual(transport === "uws" ? 4000 : 7000);
      expect(busy.ws.socket.readyState).toBe(busy.ws.socket.OPEN);
      busy.ws.close();
    }, 30_000);

    test("a slow consumer whose send buffer passes the limit is disconnected", async () => {
      const user = await signUp(fixture.server);
      // Stop reading: the kernel buffers fill, then the server's send buffer grows past 16 KiB.
      (user.ws.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      const id = "p".repeat(60);
      const batch = Array.from({ length: 2000 }, () => JSON.stringify({ type: "ping", id })).join("\n");
      let sent = 0;
      const closed = user.ws.closed.then(() => true);
      let isClosed = false;
      void closed.then(() => (isClosed = true));
      while (!isClosed && sent < 400_000) {
        for (const frame of batch.split("\n")) user.ws.sendRaw(frame);
        sent += 2000;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      (user.ws.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(
        await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]),
      ).toBe(true);
    }, 60_000);
  },
);
