/** generated/ must be what `npm run generate` renders from openapi/restore-jobs.yaml today. */
import { expect, it } from "vitest";
import { staleGenerated } from "../../../scripts/generate.js";

it("generated/ is fresh: it matches what openapi/restore-jobs.yaml renders", async () => {
  const stale = await staleGenerated();
  expect(
    stale,
    `stale generated files: ${stale.join(", ")}; run \`npm run generate\` and commit the result`,
  ).toEqual([]);
});
