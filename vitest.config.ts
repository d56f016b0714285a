import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "contract-tests/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests start real servers and child processes; forks keep a crash in one from taking the rest.
    pool: "forks",
    reporters: ["default"],
  },
});
