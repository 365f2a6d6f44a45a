import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { expect, test } from "vitest";
import { useServer } from "../testing/server-fixture.js";
import { servedDocument } from "../testing/contract/served-documents.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const JOURNEY = fileURLToPath(new URL("../testing/contract/journey.ts", import.meta.url));

const fixture = useServer();

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));

/** openapi-typescript's output for a document: binary bodies typed as Blob, as its docs suggest. */
async function typesOf(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, {
    transform: (schema) => (schema.format === "binary" ? BLOB : undefined),
  });
  return astToString(ast);
}

test("types generated from the served documents type-check the app journey", async () => {
  const openApi = await servedDocument(fixture.server.url, "/openapi.json");
  const asyncApi = (await servedDocument(fixture.server.url, "/asyncapi.json")) as {
    components: { schemas: Record<string, unknown>; messages: Record<string, { payload: unknown }> };
  };
  // The frames' schemas as an OpenAPI components section, so the same generator types them.
  const frames = {
    openapi: "3.1.0",
    info: { title: "Venus WebSocket frames", version: "1" },
    paths: {},
    components: {
      schemas: {
        ...asyncApi.components.schemas,
        ...Object.fromEntries(
          Object.entries(asyncApi.components.messages).map(([name, m]) => [name, m.payload]),
        ),
      },
    },
  };
  const dir = mkdtempSync(join(tmpdir(), "venus-journey-"));
  writeFileSync(join(dir, "api.ts"), await typesOf(openApi));
  writeFileSync(join(dir, "ws.ts"), await typesOf(frames));
  copyFileSync(JOURNEY, join(dir, "journey.ts"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: [],
        skipLibCheck: true,
      },
      files: ["journey.ts"],
    }),
  );
  const result = await promisify(execFile)(join(ROOT, "node_modules/.bin/tsc"), ["-p", dir]).catch(
    (error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? String(error), stderr: "" }),
  );
  expect(result.stdout).toBe("");
}, 120_000);
