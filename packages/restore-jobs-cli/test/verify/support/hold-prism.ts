/**
 * Starts the embedded Prism, prints its pid and waits, so that a test can kill this process the
 * hard way (SIGKILL, no handler runs) and see whether Prism outlives it.
 */
import { bundledSpecPath } from "../../../src/openapi-document.js";
import { startPrism } from "../../../src/verify/prism-process.js";

const prism = await startPrism(bundledSpecPath);
process.stdout.write(`${prism.pid}\n`);
setInterval(() => undefined, 60_000);
