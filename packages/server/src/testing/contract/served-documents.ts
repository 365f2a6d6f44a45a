import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A document the server serves (`/openapi.json`, `/asyncapi.json`), parsed. */
export async function servedDocument(baseUrl: string, path: string): Promise<Record<string, unknown>> {
  const answer = await fetch(`${baseUrl}${path}`);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
  return (await answer.json()) as Record<string, unknown>;
}

/** Writes a document to a new temp directory for a command-line tool; returns its path. */
export function writeTempDocument(name: string, document: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "venus-contract-")), name);
  writeFileSync(file, JSON.stringify(document));
  return file;
}
