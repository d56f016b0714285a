/** Prism as the tests start it: the tools package's one way of starting Prism on a free port. */
export {
  freePort,
  type PrismProcess,
  startPrism,
} from "../packages/restore-jobs-cli/src/verify/prism-process.js";
