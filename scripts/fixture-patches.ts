/**
 * Turns whole fixture documents of `restore-jobs diff` into patches against a shared base:
 * `npx tsx scripts/fixture-patches.ts <base> <case>...` replaces each case's old.yaml and new.yaml
 * (packages/restore-jobs-cli/test/diff/fixtures/<case>/) by old.patch and new.patch, unified diffs
 * against fixtures/_bases/<base>.yaml made by the `diff` package, and checks that the tests'
 * reader (fixture-documents.ts) rebuilds each side byte for byte, putting the file back if not.
 * Used once to convert the fixtures; kept for adding a case (see fixtures/README.md).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import {
  fixturesDir,
  fixtureText,
  type Side,
} from "../packages/restore-jobs-cli/test/diff/fixture-documents.js";

const [base, ...cases] = process.argv.slice(2);
if (!base || cases.length === 0) {
  console.error("usage: tsx scripts/fixture-patches.ts <base> <case>...");
  process.exit(2);
}
const baseName = `_bases/${base}.yaml`;
if (!existsSync(join(fixturesDir, baseName))) {
  console.error(`no ${baseName} in ${fixturesDir}`);
  process.exit(2);
}
const baseText = readFileSync(join(fixturesDir, baseName), "utf8");

let failed = false;
for (const name of cases) {
  for (const side of ["old", "new"] as Side[]) {
    const whole = join(fixturesDir, name, `${side}.yaml`);
    const patchFile = join(fixturesDir, name, `${side}.patch`);
    const text = readFileSync(whole, "utf8");
    // createTwoFilesPatch opens with a line of `=`; without it the file reads as `diff -u` writes it.
    const patch = createTwoFilesPatch(baseName, `${name}/${side}.yaml`, baseText, text).replace(/^=+\n/, "");
    writeFileSync(patchFile, patch);
    rmSync(whole);
    let rebuilt: string | undefined;
    try {
      rebuilt = fixtureText(name, side);
    } catch {}
    if (rebuilt !== text) {
      writeFileSync(whole, text);
      rmSync(patchFile);
      console.error(`${name}/${side}: the patch does not rebuild the file byte for byte; kept ${side}.yaml`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
