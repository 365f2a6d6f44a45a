import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { withTimeout } from "./concurrency.js";

/** Spawns `node [...nodeFlags] --import tsx bench/<script> ...args`, a TypeScript bench script in its own process. */
export function spawnBenchScript(
  script: string,
  args: string[],
  nodeFlags: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcessWithoutNullStreams {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, [...nodeFlags, "--import", "tsx", path, ...args], { stdio: "pipe", env });
}

/** Resolves with the match of the first line of `stream` that matches `pattern`. */
export function waitForLine(stream: Readable, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve) => {
    createInterface({ input: stream }).on("line", (line) => {
      const match = pattern.exec(line);
      if (match) resolve(match);
    });
  });
}

/** Runs a bench script to completion and parses the JSON line it prints last. */
export async function runBenchScript<T>(
  script: string,
  args: string[],
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
): Promise<T> {
  const child = spawnBenchScript(script, args, [], env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await withTimeout(once(child, "exit"), timeoutMs, script).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  })) as [number | null];
  if (code !== 0) throw new Error(`${script} ${args.join(" ")} exited with ${String(code)}:\n${stderr}`);
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as T;
}
