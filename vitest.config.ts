import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      {
        // Test helpers a package shares with other packages' tests: `@venus/<name>/testing`.
        find: /^@venus\/([a-z-]+)\/testing$/,
        replacement: `${packagesDir}$1/src/testing/index.ts`,
      },
      {
        find: /^@venus\/([a-z-]+)$/,
        replacement: `${packagesDir}$1/src/index.ts`,
      },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "tools/**/*.test.ts"],
    // Every answer the tests see is checked against the served OpenAPI and AsyncAPI documents.
    globalSetup: ["packages/server/src/testing/contract/global-setup.ts"],
    setupFiles: ["packages/server/src/testing/contract/record-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two test files at a time on the 2-core CI machine: most of a file's time is spent waiting on
    // the server processes it started.
    maxWorkers: 2,
  },
});
