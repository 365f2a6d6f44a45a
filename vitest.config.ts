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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two test files at a time even on 2 cores (the default would be one): integration tests spend
    // most of their time waiting on the servers they start, so the second core is otherwise idle.
    maxWorkers: 2,
  },
});
