import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpCaller } from "./http-caller.js";

let server: Server;
let base: string;
const seen: { method?: string; authorization?: string; length?: string; type?: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: request.method,
        authorization: request.headers.authorization,
        length: request.headers["content-length"],
        type: request.headers["content-type"],
      });
      if (request.url === "/slow") return; // never answered
      if (request.url === "/bytes") {
        const sha = createHash("sha256").update(body).digest();
        response.writeHead(200, { "content-type": "application/octet-stream" }).end(sha);
        return;
      }
      response.writeHead(201, { "content-type": "application/json" });
      response.end(JSON.stringify({ got: body.length > 0 ? JSON.parse(body.toString()) : null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("httpCaller", () => {
  it("sends JSON and bytes with their length and the key, and reads JSON and bytes back", async () => {
    const call = httpCaller(base, "k3y", 5_000);
    expect(await call({ method: "POST", path: "/json", body: { a: [1, "é"] } })).toEqual({
      status: 201,
      body: { got: { a: [1, "é"] } },
    });
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const answer = await call({ method: "PUT", path: "/bytes", body: bytes });
    expect(answer.status).toBe(200);
    expect(Buffer.from(answer.body as Uint8Array)).toEqual(createHash("sha256").update(bytes).digest());
    expect(await call({ method: "GET", path: "/json" })).toEqual({ status: 201, body: { got: null } });
    expect(seen.slice(-3)).toEqual([
      // Bytes, not characters: "é" is two.
      { method: "POST", authorization: "Bearer k3y", length: "14", type: "application/json" },
      {
        method: "PUT",
        authorization: "Bearer k3y",
        length: String(bytes.length),
        type: "application/octet-stream",
      },
      { method: "GET", authorization: "Bearer k3y", length: undefined, type: undefined },
    ]);
  });

  it("answers 504 remote_timeout for a manager that does not answer in time, 502 for one not there", async () => {
    expect(await httpCaller(base, "k", 200)({ method: "GET", path: "/slow" })).toMatchObject({
      status: 504,
      body: { error: { code: "remote_timeout" } },
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(
      await httpCaller(`http://127.0.0.1:${port}`, "k", 1_000)({ method: "GET", path: "/" }),
    ).toMatchObject({
      status: 502,
      body: { error: { code: "remote_unreachable" } },
    });
  });
});
