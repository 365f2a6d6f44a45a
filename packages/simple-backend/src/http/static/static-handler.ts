import type { HttpServer } from "../http-server.js";
import { errorReply, type HttpHandler, type HttpReply } from "../http-types.js";
import type { StaticFile, StaticSite } from "./static-site.js";

/**
 * No inline script or style, nothing from another origin: the site's own files, its own API and
 * WebSocket, images it fetched itself (`blob:`).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

function encodingFor(file: StaticFile, accepted: string): { body: Buffer; encoding?: string } {
  const offers = new Set(accepted.split(",").map((part) => part.split(";")[0]?.trim().toLowerCase()));
  if (file.br && offers.has("br")) return { body: file.br, encoding: "br" };
  if (file.gzip && offers.has("gzip")) return { body: file.gzip, encoding: "gzip" };
  return { body: file.body };
}

function reply(file: StaticFile, headers: Map<string, string>): HttpReply {
  const common = {
    ...SECURITY_HEADERS,
    etag: file.etag,
    vary: "accept-encoding",
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
  };
  if (headers.get("if-none-match") === file.etag) return { status: 304, headers: common };
  const { body, encoding } = encodingFor(file, headers.get("accept-encoding") ?? "");
  return {
    status: 200,
    body,
    contentType: file.contentType,
    headers: encoding ? { ...common, "content-encoding": encoding } : common,
  };
}

/**
 * Serves `site` below `prefix` (`/console`, or `` for the root): its files by path, and `index.html`
 * for any other path without a file extension, so a single-page app's own routes load it (the app
 * then routes in the browser). `prefix` itself redirects to `prefix/` so relative asset URLs resolve.
 * With `indexForAnyPath` false only `/` gets `index.html` (a site at the root, beside the API, whose
 * app routes in the address's fragment: an unknown path stays `404 not_found`).
 */
export function staticHandler(prefix: string, site: StaticSite, indexForAnyPath = true): HttpHandler {
  const index = site.get("/index.html") as StaticFile;
  return (ctx) => {
    if (prefix !== "" && ctx.url === prefix)
      return { status: 308, headers: { location: `${prefix}/`, "cache-control": "no-cache" } };
    const below = ctx.url.slice(prefix.length) || "/";
    const file = site.get(below === "/" ? "/index.html" : below);
    if (file) return reply(file, ctx.headers);
    const lastSegment = below.slice(below.lastIndexOf("/") + 1);
    if (lastSegment.includes(".") || !indexForAnyPath) return errorReply(404, "not_found", "no such file");
    return reply(index, ctx.headers);
  };
}

/** Mounts `site` on `http` at `prefix` (`/console`; `` for the root, then after every other route). */
export function mountStaticSite(
  http: HttpServer,
  prefix: string,
  site: StaticSite,
  indexForAnyPath = true,
): void {
  const handler = staticHandler(prefix, site, indexForAnyPath);
  if (prefix !== "") http.route("get", prefix, handler);
  http.route("get", `${prefix}/*`, handler);
}
