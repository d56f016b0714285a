/** GetRestoreJobMetadata, `GET /restore-jobs/{restoreJobId}/metadata`: the Metadata a job started with. */
import { GetRestoreJobMetadataBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validateGetRestoreJobMetadataInput } from "../../generated/validators/get-restore-job-metadata.js";
import { awsOperation } from "./aws-operation.js";

export type GetRestoreJobMetadataInput = components["schemas"]["GetRestoreJobMetadataInput"];
export type GetRestoreJobMetadataOutput = components["schemas"]["GetRestoreJobMetadataOutput"];

export const GetRestoreJobMetadata = /* @__PURE__ */ awsOperation<
  GetRestoreJobMetadataInput,
  GetRestoreJobMetadataOutput
>({
  binding: GetRestoreJobMetadataBinding,
  validate: validateGetRestoreJobMetadataInput,
  output: { RestoreJobId: "string", Metadata: ["map", "string"] },
});
