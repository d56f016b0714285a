import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The tools package's tests run against the client's source, as tsc and tsx see it (tsconfig.json).
    alias: [
      {
        find: /^restore-jobs$/,
        replacement: fileURLToPath(new URL("./packages/restore-jobs/src/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "test-support/**/*.test.ts",
      "test/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    globalSetup: ["test-support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests start real servers and child processes; forks keep a crash in one from taking the rest.
    pool: "forks",
    // Two files at a time, where vitest would take one on two cores (cores - 1): most files spend
    // their time waiting on the servers, Prism and jobs they start, not on the CPU.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
