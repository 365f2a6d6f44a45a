import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadNativeUws } from "@venus/simple-backend";
import { request } from "../testing/http-client.js";
import { newDataDir, startServer, VENUS_BIN, type RunningServer } from "../testing/spawn-server.js";
import { transportsUnderTest } from "../testing/transports.js";

const nativeUws = "uws" in loadNativeUws();

function transportLine(server: RunningServer): { transport: string; reason: string } {
  const line = server.output.find((entry) => entry.includes('"msg":"HTTP transport: '));
  if (!line) throw new Error(`no transport line in:\n${server.output.join("\n")}`);
  return JSON.parse(line) as { transport: string; reason: string };
}

async function withServer(
  options: Parameters<typeof startServer>[0],
  check: (server: RunningServer) => Promise<void>,
) {
  const server = await startServer(options);
  try {
    await check(server);
  } finally {
    await server.stop();
    server.cleanup();
  }
}

describe("http.transport", () => {
  test.each(transportsUnderTest())(
    "%s: named in the start-up log, /health and /metrics",
    async (transport) => {
      await withServer({ config: { http: { transport } } }, async (server) => {
        expect(transportLine(server)).toMatchObject({ transport, reason: `http.transport = ${transport}` });
        const health = await request(server.url, "GET", "/health");
        expect(health.body).toMatchObject({
          transport: { name: transport, reason: `http.transport = ${transport}` },
        });
        const metrics = await fetch(`${server.url}/metrics`).then((answer) => answer.text());
        expect(metrics).toContain(`venus_http_transport{transport="${transport}"} 1`);
      });
    },
  );

  test("auto takes uws when its native binary loads for this Node, else node; never the JavaScript fallback", async () => {
    // UWS_USE_FALLBACK makes the uWebSockets.js package's entry point return its JavaScript fallback.
    await withServer({ env: { VENUS_HTTP__TRANSPORT: "auto", UWS_USE_FALLBACK: "1" } }, async (server) => {
      const line = transportLine(server);
      expect(line.transport).toBe(nativeUws ? "uws" : "node");
      expect(line.reason).toMatch(nativeUws ? /^auto: a native uWebSockets\.js binary loads/ : /^auto: /);
      expect(server.output.join("\n")).not.toContain("fallback");
      expect((await request(server.url, "GET", "/health")).body).toMatchObject({
        transport: { name: line.transport },
      });
    });
  });

  test("uws runs where its native binary loads for this Node, and elsewhere refuses to start naming what to do", async () => {
    if (nativeUws) {
      await withServer({ env: { VENUS_HTTP__TRANSPORT: "uws" } }, async (server) => {
        expect(transportLine(server).transport).toBe("uws");
      });
      return;
    }
    const refused = spawnSync(process.execPath, [VENUS_BIN, "server"], {
      env: {
        ...process.env,
        VENUS_HTTP__TRANSPORT: "uws",
        VENUS_HTTP__PORT: "0",
        VENUS_DATA_DIR: join(newDataDir(), "data"),
      },
      encoding: "utf8",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`has no uws_linux_x64_${process.versions.modules}.node`);
    expect(refused.stderr).toContain("docs/operations.md");
  });
});
