#!/usr/bin/env node
// `restore-jobs verify` and `restore-jobs diff` ship in the tools package, restore-jobs-cli, so that
// this client installs only what it runs. Both packages name their command `restore-jobs`, and npm
// links one of them when both are installed: this one then hands over to the tools package, and
// says in one line what to install when they are not there.
const install =
  "restore-jobs: the verify and diff commands are in the tools package: npm install --save-dev restore-jobs-cli (or run npx restore-jobs-cli verify)";

let tools;
try {
  tools = await import("restore-jobs-cli");
} catch (error) {
  const missing =
    error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("'restore-jobs-cli'");
  if (!missing) throw error;
}
if (tools) {
  process.exitCode = await tools.main(process.argv.slice(2));
} else {
  console.error(install);
  process.exitCode = 2;
}
