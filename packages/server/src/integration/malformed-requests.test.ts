import { describe, expect, test } from "vitest";
import { request } from "../testing/http-client.js";
import { rawExchange } from "../testing/raw-http.js";
import { isAlive } from "../testing/spawn-server.js";
import { useServer } from "../testing/server-fixture.js";
import { transportsUnderTest } from "../testing/transports.js";

const MALFORMED = [
  "GARBAGE\r\n\r\n",
  "GET / HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n",
  "GET / HTTP/9.9\r\nhost: x\r\n\r\n",
  "POST /account/login HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n",
  "GET /health HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\ncontent-length: 3\r\n\r\n",
];
const HUGE_HEADERS = `GET /health HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(100_000)}\r\n\r\n`;

const bodyOf = (received: string): unknown => JSON.parse(received.slice(received.indexOf("\r\n\r\n") + 4));

describe.each(transportsUnderTest())("raw malformed HTTP requests (transport %s)", (transport) => {
  const fixture = useServer({ config: { http: { transport } } });
  const exchange = (raw: string) =>
    rawExchange(fixture.server.port, raw, Buffer.alloc(0), { closeAfterMs: 2000 });

  test("a request line or headers that cannot be parsed: the server lives on", async () => {
    const { server } = fixture;
    const answers = await Promise.all(MALFORMED.map(exchange));
    const huge = await exchange(HUGE_HEADERS);
    if (transport === "node") {
      for (const answer of answers) {
        expect(answer.received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
        expect(bodyOf(answer.received)).toMatchObject({ error: { code: "malformed_request" } });
        expect(answer.closedByServer).toBe(true);
      }
      expect(huge.received).toMatch(/^HTTP\/1\.1 431 /);
      expect(bodyOf(huge.received)).toMatchObject({ error: { code: "headers_too_large" } });
    } else {
      // uWebSockets.js gives no answer to what it cannot parse (docs/operations.md); what it does parse
      // (it reads a chunked body beside a content-length, when it arrives in time) is answered as usual.
      for (const answer of [...answers, huge])
        expect(answer.received).toMatch(/^(|HTTP\/1\.1 [234]\d\d [^]*)$/);
    }
    expect(isAlive(server.process.pid ?? -1)).toBe(true);
    expect((await request(server.url, "GET", "/health")).status).toBe(200);
  });
});
