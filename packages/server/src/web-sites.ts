import { fileURLToPath } from "node:url";
import { loadStaticSite, mountStaticSite, type HttpServer, type Logger } from "@venus/simple-backend";

/** The web builds beside this package in the workspace (`npm run build:web` writes them). */
const SITES = [
  { prefix: "/console", dir: fileURLToPath(new URL("../../console/dist/", import.meta.url)) },
] as const;

/** Serves each built web site at its prefix; one not built is logged and left out. */
export function mountWebSites(http: HttpServer, log: Logger): void {
  for (const { prefix, dir } of SITES) {
    const site = loadStaticSite(dir);
    if (site) mountStaticSite(http, prefix, site);
    else log.warn({ prefix, dir }, "web site not built (npm run build:web); its path answers 404");
  }
}
