import { request as httpRequest } from "node:http";
import { expect } from "vitest";
import type { FuzzRequest } from "./http-request.js";
import type { Operation } from "./openapi-operations.js";

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends a request as it is (raw path, raw body) and reads the whole answer. */
export function send(baseUrl: string, request: FuzzRequest, token: string): Promise<Answer> {
  const headers: Record<string, string | number> = {};
  if (request.contentType !== undefined) headers["content-type"] = request.contentType;
  if (request.auth.kind === "session") headers.authorization = `Bearer ${token}`;
  if (request.auth.kind === "header") headers.authorization = request.auth.value;
  if (request.body !== undefined) headers["content-length"] = request.body.length;
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers["content-type"] ?? "",
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    outgoing.on("error", (error) => reject(new Error(`${request.method} ${request.path}: ${error.message}`)));
    outgoing.end(request.body);
  });
}

/** What an operation documents about its error answers (see openapi-operations.ts). */
export type ErrorDocs = Pick<Operation, "htmlErrors" | "serverErrors">;

/**
 * No 5xx but the 503s the operation documents (a dependency missing or busy), never a 500; every error
 * answer is JSON `{error: {code}}` with a string code — but a HEAD answer has no body, and an operation
 * documented to answer HTML pages answers HTML.
 */
export function expectWellFormed(request: FuzzRequest, answer: Answer, docs: ErrorDocs): void {
  const what = `${request.method} ${request.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, what).toBeGreaterThanOrEqual(200);
  if (answer.status >= 500) expect(docs.serverErrors, what).toContain(String(answer.status));
  expect(answer.status, what).not.toBe(500);
  if (answer.status < 400 || request.method === "HEAD") return;
  if (docs.htmlErrors) return expect(answer.contentType, what).toMatch(/^text\/html/);
  expect(answer.contentType, what).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error?: { code?: unknown } };
  expect(typeof body.error?.code, what).toBe("string");
}
