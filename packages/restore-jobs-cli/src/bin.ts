#!/usr/bin/env node
/** The `restore-jobs` command of restore-jobs-cli. */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
