import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { createLogger, resolveLogFormat } from "./logger.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Logs two entries with `format` into a file and returns its text. */
function logToFile(format: "json" | "pretty" | "auto"): string {
  const dir = mkdtempSync(join(tmpdir(), "venus-logger-"));
  dirs.push(dir);
  const file = join(dir, "log");
  const fd = openSync(file, "w");
  try {
    const log = createLogger("info", "venus-test", fd, format);
    log.info({ port: 3000 }, "listening");
    log.warn("disk almost full");
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, "utf8");
}

describe("log formats", () => {
  test("json: one JSON object per line", () => {
    const lines = logToFile("json").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line) as object)).toEqual([
      expect.objectContaining({ level: 30, name: "venus-test", port: 3000, msg: "listening" }),
      expect.objectContaining({ level: 40, msg: "disk almost full" }),
    ]);
  });

  test("pretty: one readable line per entry, level and name in words, fields after the message, no colours in a file", () => {
    const lines = logToFile("pretty").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(venus-test\/\d+\): listening \{"port":3000\}$/,
    );
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN \(venus-test\/\d+\): disk almost full$/);
  });

  test("auto: JSON into a file or a pipe", () => {
    expect(() => JSON.parse(logToFile("auto").split("\n")[0] as string) as unknown).not.toThrow();
    expect(resolveLogFormat("json", 1)).toBe("json");
    expect(resolveLogFormat("pretty", 1)).toBe("pretty");
  });

  test("auto: pretty on a terminal (a pseudo-terminal made by script(1))", () => {
    const logger = fileURLToPath(new URL("./logger.ts", import.meta.url));
    const code = `const { resolveLogFormat } = await import("${logger}"); console.log(resolveLogFormat("auto", 1));`;
    const command = `${process.execPath} --import tsx --input-type=module -e '${code}'`;
    const onTerminal = execFileSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
    expect(onTerminal.trim()).toBe("pretty");
    const piped = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      encoding: "utf8",
      stdio: ["pipe", "pipe", "inherit"],
    });
    expect(piped.trim()).toBe("json");
  });
});
