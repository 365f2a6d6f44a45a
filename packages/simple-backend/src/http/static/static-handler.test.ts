import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { createLogger } from "../../logger.js";
import type { HttpReply, HttpRequestContext } from "../http-types.js";
import { CONTENT_SECURITY_POLICY, staticHandler } from "./static-handler.js";
import { loadStaticSite } from "./static-site.js";

const dir = mkdtempSync(path.join(tmpdir(), "venus-static-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INDEX = "<!doctype html><title>x</title>";
const SCRIPT = "console.log('the app');".repeat(20);
mkdirSync(path.join(dir, "assets"));
writeFileSync(path.join(dir, "index.html"), INDEX);
writeFileSync(path.join(dir, "assets/index-AbCd1234.js"), SCRIPT);
writeFileSync(path.join(dir, "assets/index-AbCd1234.js.br"), brotliCompressSync(SCRIPT));
writeFileSync(path.join(dir, "assets/index-AbCd1234.js.gz"), gzipSync(SCRIPT));
writeFileSync(path.join(dir, "robots.txt"), "User-agent: *");

const site = loadStaticSite(dir);
const handler = staticHandler("/console", site ?? new Map());
const log = createLogger("silent", "test");

async function get(url: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  const ctx: HttpRequestContext = {
    method: "GET",
    route: "/console/*",
    url,
    query: new URLSearchParams(),
    params: [],
    headers: new Map(Object.entries(headers)),
    body: Buffer.alloc(0),
    remoteAddress: "127.0.0.1",
    requestId: "r",
    log,
  };
  return handler(ctx);
}

describe("static sites", () => {
  test("a directory without index.html is no site", () => {
    expect(loadStaticSite(path.join(dir, "assets"))).toBeUndefined();
  });

  test("index.html: HTML, not cached without asking again, under the strict policy", async () => {
    const reply = await get("/console/");
    expect(reply.status).toBe(200);
    expect(String(reply.body)).toBe(INDEX);
    expect(reply.contentType).toBe("text/html; charset=utf-8");
    expect(reply.headers).toMatchObject({
      "cache-control": "no-cache",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
  });

  test("a hashed asset is cached for good, sent brotli, gzip or plain as the client accepts", async () => {
    const url = "/console/assets/index-AbCd1234.js";
    const br = await get(url, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers).toMatchObject({
      "content-encoding": "br",
      "cache-control": "public, max-age=31536000, immutable",
      vary: "accept-encoding",
    });
    expect(br.contentType).toBe("text/javascript; charset=utf-8");
    expect(br.body).toEqual(brotliCompressSync(SCRIPT));
    const gzip = await get(url, { "accept-encoding": "gzip;q=1.0" });
    expect(gzip.headers?.["content-encoding"]).toBe("gzip");
    const plain = await get(url);
    expect(plain.headers?.["content-encoding"]).toBeUndefined();
    expect(String(plain.body)).toBe(SCRIPT);
  });

  test("a file without a hash in its name is revalidated, and a matching ETag answers 304", async () => {
    const first = await get("/console/robots.txt");
    expect(first.headers?.["cache-control"]).toBe("no-cache");
    const etag = first.headers?.etag as string;
    const again = await get("/console/robots.txt", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
  });

  test("the app's own paths load index.html; a missing file is a 404", async () => {
    expect(String((await get("/console/accounts/123")).body)).toBe(INDEX);
    expect((await get("/console/assets/gone-AbCd1234.js")).status).toBe(404);
    // Only the site's own files are ever sent: a path that climbs out is one more app path.
    expect(String((await get("/console/../../etc/passwd")).body)).toBe(INDEX);
    expect((await get("/console/../../etc/hosts.conf")).status).toBe(404);
  });

  test("the prefix without its slash redirects to it", async () => {
    const reply = await get("/console");
    expect(reply.status).toBe(308);
    expect(reply.headers?.location).toBe("/console/");
  });
});
