import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLogger } from "../../logger.js";
import { Metrics } from "../../metrics/metrics.js";
import { createTransport } from "../create-transport.js";
import { HttpServer } from "../http-server.js";
import { NO_TRUSTED_PROXIES } from "../remote-address.js";
import type { TransportName } from "../transport.js";
import { loadNativeUws } from "../uws/native-uws.js";
import { mountStaticSite } from "./static-handler.js";
import { loadStaticSite } from "./static-site.js";

const transports: TransportName[] = "uws" in loadNativeUws() ? ["node", "uws"] : ["node"];

const dir = mkdtempSync(path.join(tmpdir(), "venus-static-head-"));
const SCRIPT = "console.log('the app');".repeat(20);
mkdirSync(path.join(dir, "assets"));
writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>head</title>");
writeFileSync(path.join(dir, "assets/index-AbCd1234.js"), SCRIPT);
writeFileSync(path.join(dir, "assets/index-AbCd1234.js.br"), brotliCompressSync(SCRIPT));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The headers a HEAD must share with its GET: all but the per-request id, the date, and the
 * connection's (fetch asks to close the connection after a HEAD).
 */
const PER_REQUEST = ["x-request-id", "date", "connection", "keep-alive"];
const shared = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST.includes(name)));

describe.each(transports)("HEAD on a static site (%s transport)", (name) => {
  let http: HttpServer;
  let base: string;
  beforeAll(async () => {
    http = new HttpServer(createTransport(name), {
      host: "127.0.0.1",
      port: 0,
      maxBodyBytes: 1024,
      discard: { maxBytes: 1 << 20, seconds: 5 },
      trustedProxies: NO_TRUSTED_PROXIES,
      log: createLogger("silent", "test"),
      metrics: new Metrics(),
    });
    mountStaticSite(http, "/console", loadStaticSite(dir) ?? new Map());
    http.notFound();
    base = `http://127.0.0.1:${await http.listen()}`;
  });
  afterAll(() => http.stopAccepting());

  test.each([
    ["/console/", {}],
    ["/console/accounts", {}],
    ["/console/assets/index-AbCd1234.js", { "accept-encoding": "br" }],
    ["/console/assets/index-AbCd1234.js", {}],
    ["/console/missing.js", {}],
    ["/console", {}],
  ])("HEAD %s %o answers like GET, without a body", async (url, headers) => {
    const get = await fetch(`${base}${url}`, { headers, redirect: "manual" });
    await get.arrayBuffer();
    const head = await fetch(`${base}${url}`, { method: "HEAD", headers, redirect: "manual" });
    expect(head.status).toBe(get.status);
    expect(shared(head)).toEqual(shared(get));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    if (get.status === 200) expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
  });

  test("HEAD with the current ETag is 304, like GET", async () => {
    const etag = (await fetch(`${base}/console/`, { method: "HEAD" })).headers.get("etag") ?? "";
    const head = await fetch(`${base}/console/`, { method: "HEAD", headers: { "if-none-match": etag } });
    expect(head.status).toBe(304);
  });
});
