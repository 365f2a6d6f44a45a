import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { ContractDocuments } from "./contract-documents.js";

/** One line of a worker's record file. */
export interface ContractRecord {
  /** `seen`: an observed (operation, status, code); `problem`: something the documents do not allow. */
  kind: "seen" | "problem";
  /** `GET /path` operation id, or `ws <message>`. */
  where: string;
  status?: number;
  code?: string;
  problems?: string[];
}

const errorCode = (body: unknown): string | undefined => {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code : undefined;
};

const isNoSuchRoute = (status: number, body: unknown): boolean =>
  status === 404 && (body as { error?: { message?: unknown } } | null)?.error?.message === "no such route";

/** Checks what the server answers against the served documents and appends the findings to a file. */
export class ContractRecorder {
  private readonly file: string;
  private readonly documentsOf: ContractDocuments;
  private readonly seen = new Set<string>();

  constructor(dir: string) {
    this.documentsOf = new ContractDocuments(dir);
    this.file = join(dir, `worker-${process.pid}.jsonl`);
  }

  /** Whether the request reached an operation of the OpenAPI document (others are not judged). */
  documents(method: string, path: string): boolean {
    return this.documentsOf.operation(method, path) !== undefined;
  }

  /** An HTTP answer: its status must be declared and its body match that response's schema. */
  http(method: string, path: string, status: number, contentType: string, body: unknown): void {
    const operation = this.documentsOf.operation(method, path);
    // The router's own answer for a path it does not have: another listener (the local bot port).
    if (!operation || isNoSuchRoute(status, body)) return;
    const where = `${operation.id} (${method} ${path})`;
    const code = errorCode(body);
    const response = operation.responses[String(status)] ?? operation.responses["default"];
    if (!response)
      return this.write({
        kind: "problem",
        where,
        status,
        ...(code ? { code } : {}),
        problems: ["status not declared"],
      });
    const json = contentType.startsWith("application/json");
    const declared = response.content?.["application/json"];
    const problems = !json
      ? []
      : declared
        ? this.documentsOf.responseCheck(operation, String(status), declared.schema)(body)
        : operation.responses[String(status)]
          ? ["a JSON body where the document declares none"]
          : [];
    this.write({
      kind: problems.length ? "problem" : "seen",
      where: operation.id,
      status,
      ...(code ? { code } : {}),
      ...(problems.length ? { problems } : {}),
    });
  }

  /** A frame the server sent on `/ws`, checked against the AsyncAPI message it must be. */
  frame(message: string, frame: unknown): void {
    const check = this.documentsOf.messageCheck(message);
    const status = (frame as { status?: unknown }).status;
    const code = errorCode((frame as { body?: unknown }).body) ?? (frame as { code?: string }).code;
    const base = {
      where: `ws ${message}`,
      ...(typeof status === "number" ? { status } : {}),
      ...(code ? { code } : {}),
    };
    const problems = check ? check(frame) : ["no such message in the AsyncAPI document"];
    this.write(problems.length ? { kind: "problem", ...base, problems } : { kind: "seen", ...base });
  }

  private write(record: ContractRecord): void {
    const key = JSON.stringify(record);
    if (record.kind === "seen" && this.seen.has(key)) return;
    this.seen.add(key);
    appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }
}
