/**
 * restore-jobs-cli: the `restore-jobs` command (verify, diff). `main` runs one command line as
 * the bin does and resolves to its exit status: 0 all good, 1 what it checks failed, 2 it could
 * not run.
 */
export { main } from "./main.js";
