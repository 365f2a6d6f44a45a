/** `npm run docs:config`: rewrites the default-config block of docs/configuration.md from the schema. */
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const doc = fileURLToPath(new URL("../docs/configuration.md", import.meta.url));
const venus = fileURLToPath(new URL("../packages/server/dist/main.js", import.meta.url));
const defaults = execFileSync(process.execPath, [venus, "config", "default"], { encoding: "utf8" });
const text = readFileSync(doc, "utf8");
const updated = text.replace(/```toml\n[\s\S]*?```/, () => "```toml\n" + defaults + "```");
writeFileSync(doc, updated);
