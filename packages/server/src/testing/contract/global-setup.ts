import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, VENUS_BIN } from "../spawn-server.js";
import { CONTRACT_DIR_ENV } from "./contract-documents.js";
import type { ContractRecord } from "./contract-recorder.js";

/**
 * vitest global setup: fetches the documents a real server serves into a temp directory the workers
 * check every answer against (record-setup.ts), and at the end fails the run on anything the documents
 * do not declare. Without a built server (`npx tsc -b`) nothing is recorded.
 */
export async function setup(): Promise<void> {
  if (!existsSync(VENUS_BIN)) {
    console.warn(`contract recording is off: ${VENUS_BIN} is not built`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "venus-contract-record-"));
  const server = await startServer();
  try {
    for (const name of ["openapi.json", "asyncapi.json"]) {
      const answer = await fetch(`${server.url}/${name}`);
      writeFileSync(join(dir, name), await answer.text());
    }
  } finally {
    await server.stop();
    server.cleanup();
  }
  process.env[CONTRACT_DIR_ENV] = dir;
}

export function teardown(): void {
  const dir = process.env[CONTRACT_DIR_ENV];
  if (!dir) return;
  const records = readdirSync(dir)
    .filter((name) => name.startsWith("worker-"))
    .flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n").filter(Boolean))
    .map((line) => JSON.parse(line) as ContractRecord);
  const describe = (r: ContractRecord) =>
    `${r.where} ${r.status ?? ""} ${r.code ?? ""}${r.problems ? `: ${r.problems.join("; ")}` : ""}`.trim();
  const seen = new Set(records.filter((r) => r.kind === "seen").map(describe));
  const problems = [...new Set(records.filter((r) => r.kind === "problem").map(describe))].sort();
  writeFileSync(join(dir, "report.txt"), [...[...seen].sort(), "", ...problems].join("\n"));
  if (problems.length > 0) {
    // A throw here is only logged by vitest: the exit code is what fails `npm test`.
    process.exitCode = 1;
    console.error(
      `answers the OpenAPI/AsyncAPI documents do not declare (${dir}/report.txt):\n${problems.join("\n")}`,
    );
    return;
  }
  console.log(
    `contract: ${seen.size} (operation, status, code) seen, all declared and matching their schemas`,
  );
  rmSync(dir, { recursive: true, force: true });
}
