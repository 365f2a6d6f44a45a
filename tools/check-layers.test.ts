import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkLayers, moduleReferences, packageNameOf } from "./check-layers.js";
import { LAYERS, layerViolation } from "./layers.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

interface FixturePackage {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  /** Defaults to `@venus/<directory>`. */
  name?: string;
  /** Paths relative to the package directory. */
  files?: Record<string, string>;
}

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A repository with a root package.json and `packages/<name>` for each entry. */
function fixture(
  packages: Record<string, FixturePackage>,
  rootDevDependencies: Record<string, string> = { vitest: "4.1.12" },
): string {
  const root = mkdtempSync(path.join(tmpdir(), "venus-layers-"));
  roots.push(root);
  write(
    path.join(root, "package.json"),
    JSON.stringify({ name: "venus", devDependencies: rootDevDependencies }),
  );
  for (const [dir, pkg] of Object.entries(packages)) {
    const base = path.join(root, "packages", dir);
    write(
      path.join(base, "package.json"),
      JSON.stringify({
        name: pkg.name ?? `@venus/${dir}`,
        version: "0.1.0",
        dependencies: pkg.dependencies ?? {},
        ...(pkg.devDependencies ? { devDependencies: pkg.devDependencies } : {}),
      }),
    );
    for (const [file, text] of Object.entries(pkg.files ?? {})) write(path.join(base, file), text);
  }
  return root;
}

describe("checkLayers on this repository", () => {
  it("finds no violation", () => {
    expect(checkLayers(repoRoot)).toEqual([]);
  });
});

describe("checkLayers on fixtures", () => {
  it("accepts builtins, declared packages, subpaths and relative imports inside src", () => {
    const root = fixture({
      "simple-backend": {
        dependencies: {
          "uWebSockets.js": "npm:@trufflesuite/uws-js-unofficial@20.30.0",
          "@sinclair/typebox": "0.34.52",
        },
        files: {
          "src/index.ts": [
            'import { readFileSync } from "node:fs";',
            'import { readFile } from "fs/promises";',
            'import path from "path";',
            'import type { TSchema } from "@sinclair/typebox";',
            'import { Type } from "@sinclair/typebox/type";',
            'export type Uws = typeof import("uWebSockets.js");',
            'const pkg = require.resolve("uWebSockets.js/package.json");',
            'export { helper } from "./util/helper.js";',
            'const version = require("../package.json");',
          ].join("\n"),
          "src/util/helper.ts": 'export * from "../index.js";\n',
        },
      },
      model: {
        dependencies: { "@venus/simple-backend": "0.1.0" },
        files: { "src/index.ts": 'export * from "@venus/simple-backend";\n' },
      },
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it("reports an import the package does not list, in every import form", () => {
    const forms = [
      'import { x } from "left-pad";',
      'import type { X } from "left-pad";',
      'export { x } from "left-pad";',
      'export * from "left-pad/sub/path.js";',
      'const m = await import("left-pad");',
      'const r = require("left-pad");',
      'const p = require.resolve("left-pad/package.json");',
      'type T = typeof import("left-pad");',
      'import lp = require("left-pad");',
      'import { y } from "@scope/left-pad/deep";',
    ];
    const root = fixture({
      database: {
        dependencies: { "@venus/model": "0.1.0" },
        files: { "src/index.ts": forms.join("\n") },
      },
      model: {},
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(forms.length);
    forms.forEach((_, i) => {
      expect(problems[i]).toContain(`packages/database/src/index.ts:${i + 1}:`);
      expect(problems[i]).toContain("does not list");
    });
    expect(problems[9]).toContain("@scope/left-pad ");
  });

  it("reports a declared @venus dependency on a higher row", () => {
    const root = fixture({
      database: {
        dependencies: { "@venus/api": "0.1.0", "@venus/model": "0.1.0" },
        files: { "src/index.ts": 'import { mountApi } from "@venus/api";\n' },
      },
      model: {},
      api: {},
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^packages\/database\/package\.json: dependencies lists @venus\/api, which the layer rule forbids: .*row 3.*row 7/,
    );
  });

  it("reports a dependency on the same row or on itself, also in devDependencies", () => {
    const root = fixture({
      "data-common": {
        devDependencies: { "@venus/data-common": "0.1.0" },
      },
      database: { dependencies: { "@venus/database": "0.1.0" } },
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(
      "packages/data-common/package.json: devDependencies lists @venus/data-common",
    );
    expect(problems[1]).toContain("packages/database/package.json: dependencies lists @venus/database");
  });

  it("reports a component package depending on a sibling on row 5", () => {
    const root = fixture({
      "data-account": {
        dependencies: {
          "@venus/data-common": "0.1.0",
          "@venus/data-chat": "0.1.0",
        },
        files: { "src/index.ts": 'import { send } from "@venus/data-chat";\n' },
      },
      "data-chat": {},
      "data-common": {},
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("packages/data-account/package.json: dependencies lists @venus/data-chat");
    expect(problems[0]).toContain("never depend on each other");
  });

  it("keeps the packages beside the stack to model and simple-backend, used only by server", () => {
    const root = fixture({
      manager: {
        dependencies: {
          "@venus/model": "0.1.0",
          "@venus/simple-backend": "0.1.0",
          "@venus/database": "0.1.0",
        },
      },
      "bot-client": {
        dependencies: {
          "@venus/model": "0.1.0",
          "@venus/image-worker": "0.1.0",
        },
      },
      api: { dependencies: { "@venus/bot-client": "0.1.0" } },
      server: {
        dependencies: {
          "@venus/api": "0.1.0",
          "@venus/manager": "0.1.0",
          "@venus/bot-client": "0.1.0",
          "@venus/image-worker": "0.1.0",
        },
      },
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("packages/api/package.json");
    expect(problems[0]).toContain("@venus/bot-client");
    expect(problems[1]).toContain("packages/bot-client/package.json");
    expect(problems[1]).toContain("@venus/image-worker");
    expect(problems[2]).toContain("packages/manager/package.json");
    expect(problems[2]).toContain("@venus/database");
  });

  it("reports a relative import that leaves src", () => {
    const root = fixture({
      "data-common": {
        dependencies: { "@venus/database": "0.1.0" },
        files: {
          "src/writer/writer.ts": [
            'import { a } from "../index.js";',
            'import { b } from "../../../database/src/index.js";',
            'import { c } from "../../dist/index.js";',
            'import { d } from "..";',
          ].join("\n"),
          "src/index.ts": "export const a = 1;\n",
        },
      },
      database: {},
    });
    const problems = checkLayers(root);
    expect(problems).toEqual([
      expect.stringMatching(
        /^packages\/data-common\/src\/writer\/writer\.ts:2: relative import "\.\.\/\.\.\/\.\.\/database\/src\/index\.js" leaves packages\/data-common\/src\//,
      ),
      expect.stringMatching(/writer\.ts:3: relative import "\.\.\/\.\.\/dist/),
    ]);
  });

  it("allows root devDependencies in test code only", () => {
    const use = 'import { describe } from "vitest";\n';
    const root = fixture({
      model: {
        devDependencies: { "fast-check": "3.0.0" },
        files: {
          "src/ids.test.ts": use + 'import fc from "fast-check";\n',
          "src/testing/helpers.ts": use,
          "src/testing/deep/more.ts": use,
          "src/ids.ts": use,
          "src/contest.ts": 'import fc from "fast-check";\n',
          "src/not-testing/helpers.ts": use,
        },
      },
    });
    const problems = checkLayers(root);
    expect(problems).toEqual([
      expect.stringMatching(
        /^packages\/model\/src\/contest\.ts:1: imports "fast-check", a devDependency, which only test code/,
      ),
      expect.stringMatching(/^packages\/model\/src\/ids\.ts:1: imports "vitest", a devDependency/),
      expect.stringMatching(/^packages\/model\/src\/not-testing\/helpers\.ts:1: imports "vitest"/),
    ]);
  });

  it("reports a specifier it cannot check and a package missing from the layer table", () => {
    const root = fixture({
      model: {
        files: {
          "src/index.ts": ["const name = 'x';", "await import(name);", 'import { z } from "#internal";'].join(
            "\n",
          ),
        },
      },
      "data-location": { name: "@venus/data-location" },
      api: { name: "@other/api" },
    });
    const problems = checkLayers(root);
    expect(problems).toEqual([
      expect.stringContaining('named "@other/api", expected "@venus/api"'),
      expect.stringContaining("data-location is not in the layer table"),
      expect.stringMatching(/model\/src\/index\.ts:2: .*not a string literal/),
      expect.stringMatching(/model\/src\/index\.ts:3: "#internal" is neither/),
    ]);
  });
});

describe("the layer table", () => {
  it("has the rows of DESIGN.md §2 (plus data-history, a later component: docs/architecture.md)", () => {
    const rows = Object.fromEntries(Object.entries(LAYERS).map(([name, entry]) => [name, entry.row]));
    expect(rows).toEqual({
      server: 8,
      api: 7,
      "data-all": 6,
      "data-account": 5,
      "data-profile": 5,
      "data-media": 5,
      "data-chat": 5,
      "data-history": 5,
      "data-common": 4,
      database: 3,
      model: 2,
      "simple-backend": 1,
      manager: "beside",
      "bot-client": "beside",
      "image-worker": "beside",
      "web-shared": "browser",
      console: "browser",
    });
  });

  it("lets the browser packages use model and each other as listed, and nothing server-side use them", () => {
    expect(layerViolation("console", "web-shared")).toBeUndefined();
    expect(layerViolation("console", "model")).toBeUndefined();
    expect(layerViolation("web-shared", "model")).toBeUndefined();
    expect(layerViolation("web-shared", "console")).toBeDefined();
    expect(layerViolation("console", "simple-backend")).toBeDefined();
    expect(layerViolation("web-shared", "api")).toBeDefined();
    expect(layerViolation("server", "console")).toBeDefined();
    expect(layerViolation("api", "web-shared")).toBeDefined();
  });

  it("allows exactly the lower rows, minus row-5 siblings", () => {
    expect(layerViolation("data-all", "data-chat")).toBeUndefined();
    expect(layerViolation("data-chat", "data-common")).toBeUndefined();
    expect(layerViolation("model", "simple-backend")).toBeUndefined();
    expect(layerViolation("simple-backend", "model")).toBeDefined();
    expect(layerViolation("data-chat", "data-media")).toBeDefined();
    expect(layerViolation("data-chat", "data-all")).toBeDefined();
    expect(layerViolation("image-worker", "simple-backend")).toBeUndefined();
    expect(layerViolation("image-worker", "data-common")).toBeDefined();
    expect(layerViolation("server", "image-worker")).toBeUndefined();
    expect(layerViolation("api", "image-worker")).toBeDefined();
  });
});

describe("moduleReferences and packageNameOf", () => {
  it("finds each reference with its line and ignores strings and comments", () => {
    const text = [
      "// import x from 'commented';",
      'const s = "import y from \\"in-a-string\\"";',
      'import "side-effect";',
      "export {};",
      "const m = import(`template`);",
    ].join("\n");
    expect(moduleReferences("a.ts", text)).toEqual([
      { specifier: "side-effect", line: 3 },
      { specifier: "template", line: 5 },
    ]);
  });

  it("takes the package name from scoped and unscoped specifiers", () => {
    expect(packageNameOf("uWebSockets.js/package.json")).toBe("uWebSockets.js");
    expect(packageNameOf("@sinclair/typebox/compiler")).toBe("@sinclair/typebox");
    expect(packageNameOf("ajv")).toBe("ajv");
  });
});
