/**
 * `npm run docs:config`: rewrites the two default-config blocks of docs/configuration.md from the
 * schemas: the server's (the first TOML block) and the manager's (the last one, in "## Manager").
 */
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const doc = fileURLToPath(new URL("../docs/configuration.md", import.meta.url));
const venus = fileURLToPath(new URL("../packages/server/dist/main.js", import.meta.url));
const defaults = (...args: string[]) =>
  "```toml\n" +
  execFileSync(process.execPath, [venus, "config", "default", ...args], { encoding: "utf8" }) +
  "```";
const text = readFileSync(doc, "utf8");
const managerAt = text.indexOf("\n## Manager");
if (managerAt < 0) throw new Error(`${doc} has no "## Manager" section`);
const server = text.slice(0, managerAt).replace(/```toml\n[\s\S]*?```/, () => defaults());
const managerPart = text.slice(managerAt);
const last = [...managerPart.matchAll(/```toml\n[\s\S]*?```/g)].at(-1);
if (last?.index === undefined) throw new Error(`${doc} has no TOML block under "## Manager"`);
const manager =
  managerPart.slice(0, last.index) + defaults("--manager") + managerPart.slice(last.index + last[0].length);
writeFileSync(doc, server + manager);
