import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { rawExchange, requestHead } from "../testing/raw-http.js";
import { newDataDir } from "../testing/spawn-server.js";
import { useServer } from "../testing/server-fixture.js";
import { transportsUnderTest } from "../testing/transports.js";

const MB = 1_000_000;
const UPLOAD_LIMIT = 10_485_760;
const JSON_LIMIT = 65_536;

async function viaFetch(url: string, method: string, body: Buffer, contentType: string) {
  const answer = await fetch(url, { method, body, headers: { "content-type": contentType } });
  return { status: answer.status, body: (await answer.json()) as unknown };
}

function viaCurl(url: string, method: string, body: Buffer, headers: string[] = []) {
  const file = join(newDataDir(), "body");
  writeFileSync(file, body);
  const args = ["-sS", "-X", method, "--data-binary", `@${file}`, "-w", "\n%{http_code}", url];
  const result = spawnSync("curl", [...headers.flatMap((header) => ["-H", header]), ...args], {
    encoding: "utf8",
  });
  const lines = result.stdout.split("\n");
  return { status: Number(lines.pop()), body: lines.join("\n"), stderr: result.stderr };
}

const tooLarge = (limit: number) => ({
  error: {
    code: "payload_too_large",
    message: `request body exceeds ${limit} bytes`,
    details: { limit_bytes: limit },
  },
});

describe.each(transportsUnderTest())("over-limit bodies get their 413 (transport %s)", (transport) => {
  const fixture = useServer({ config: { http: { transport } } });

  test("a 12 MB upload: fetch, a raw socket that reads while writing, and curl, three times each", async () => {
    const { server } = fixture;
    const body = Buffer.alloc(12 * MB, "a");
    for (let round = 0; round < 3; round++) {
      expect(await viaFetch(`${server.url}/media/upload`, "PUT", body, "image/jpeg")).toEqual({
        status: 413,
        body: tooLarge(UPLOAD_LIMIT),
      });
      const head = requestHead("PUT", "/media/upload", body.length, ["connection: close"]);
      const raw = await rawExchange(server.port, head, body);
      expect(raw.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.received).toContain(JSON.stringify(tooLarge(UPLOAD_LIMIT)));
      expect(raw.error).toBeUndefined();
      expect(raw.closedByServer).toBe(true);
      const curl = viaCurl(`${server.url}/media/upload`, "PUT", body, ["content-type: image/jpeg"]);
      expect(curl).toMatchObject({ status: 413, stderr: "" });
      expect(JSON.parse(curl.body)).toEqual(tooLarge(UPLOAD_LIMIT));
    }
  }, 60_000);

  test.each([1, 2, 3])("a %i MB JSON body to /account/login: fetch, raw socket and curl", async (size) => {
    const { server } = fixture;
    const body = Buffer.from(JSON.stringify({ email: "a@example.com", password: "x".repeat(size * MB) }));
    const url = `${server.url}/account/login`;
    expect(await viaFetch(url, "POST", body, "application/json")).toEqual({
      status: 413,
      body: tooLarge(JSON_LIMIT),
    });
    for (const connection of ["close", "keep-alive"]) {
      const head = requestHead("POST", "/account/login", body.length, [`connection: ${connection}`]);
      const raw = await rawExchange(server.port, head, body, { closeAfterMs: 1500 });
      expect(raw.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.received).toContain(JSON.stringify(tooLarge(JSON_LIMIT)));
      expect(raw.error).toBeUndefined();
      expect(raw.closedByServer).toBe(connection === "close");
    }
    const curl = viaCurl(url, "POST", body, ["content-type: application/json"]);
    expect(curl).toMatchObject({ status: 413, stderr: "" });
    expect(JSON.parse(curl.body)).toEqual(tooLarge(JSON_LIMIT));
  });
});

describe.each(transportsUnderTest())(
  "http.discard_body_max_bytes and _seconds (transport %s)",
  (transport) => {
    const DISCARD = 1_048_576;
    const fixture = useServer({
      config: { http: { transport, discard_body_max_bytes: DISCARD, discard_body_seconds: 1 } },
    });

    test("a body of exactly the discard limit is read and dropped: the connection serves the next request", async () => {
      const { server } = fixture;
      const head = requestHead("POST", "/account/login", DISCARD, ["content-type: application/json"]);
      const next = "GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n";
      const raw = await rawExchange(
        server.port,
        head,
        Buffer.concat([Buffer.alloc(DISCARD, " "), Buffer.from(next)]),
      );
      expect(raw.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.received).toContain("HTTP/1.1 200 OK");
      expect(raw.received).toContain('"status":"ok"');
      expect(raw.closedByServer).toBe(true);
    });

    test("a body declared one byte over it is answered and its connection closed at once", async () => {
      const { server } = fixture;
      const raw = await rawExchange(
        server.port,
        requestHead("POST", "/account/login", DISCARD + 1),
        Buffer.alloc(0),
      );
      expect(raw.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.received.toLowerCase()).toContain("connection: close");
      expect(raw.received).toContain(JSON.stringify(tooLarge(JSON_LIMIT)));
      expect(raw.closedByServer).toBe(true);
    });

    test("a chunked body over the body limit gets its 413 (curl)", async () => {
      const { server } = fixture;
      const body = Buffer.from(JSON.stringify({ email: "a@example.com", password: "x".repeat(500_000) }));
      const curl = viaCurl(`${server.url}/account/login`, "POST", body, [
        "content-type: application/json",
        "transfer-encoding: chunked",
      ]);
      expect(curl).toMatchObject({ status: 413, stderr: "" });
      expect(JSON.parse(curl.body)).toEqual(tooLarge(JSON_LIMIT));
    });

    test("a body that stalls after its 413 loses its connection", async () => {
      const { server } = fixture;
      const head = requestHead("POST", "/account/login", 500_000);
      // 100 kB of 500 kB, then nothing: the server answers, waits, and closes (node: after 1 s; uws: its own idle timeout).
      const raw = await rawExchange(server.port, head, Buffer.alloc(100_000, " "), { closeAfterMs: 25_000 });
      expect(raw.received).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.received).toContain(JSON.stringify(tooLarge(JSON_LIMIT)));
      expect(raw.closedByServer).toBe(true);
    }, 30_000);
  },
);
