/**
 * Builds dist/ once before any test file runs. The package test packs it and the bench test runs
 * programs that import it; were each to build it, one could read a file the other is rewriting.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function buildOnce(): void {
  execFileSync("npm", ["run", "--silent", "build"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: "inherit",
  });
}
