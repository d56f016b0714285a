/**
 * GetRecoveryPointRestoreMetadata, `GET /backup-vaults/{backupVaultName}/recovery-points/
 * {recoveryPointArn}/restore-metadata`: what a restore of that recovery point needs in Metadata.
 */
import { GetRecoveryPointRestoreMetadataBinding } from "../../generated/operations.js";
import type { components } from "../../generated/schema.js";
import { validateGetRecoveryPointRestoreMetadataInput } from "../../generated/validators/get-recovery-point-restore-metadata.js";
import { awsOperation } from "./aws-operation.js";

export type GetRecoveryPointRestoreMetadataInput =
  components["schemas"]["GetRecoveryPointRestoreMetadataInput"];
export type GetRecoveryPointRestoreMetadataOutput =
  components["schemas"]["GetRecoveryPointRestoreMetadataOutput"];

export const GetRecoveryPointRestoreMetadata = /* @__PURE__ */ awsOperation<
  GetRecoveryPointRestoreMetadataInput,
  GetRecoveryPointRestoreMetadataOutput
>({
  binding: GetRecoveryPointRestoreMetadataBinding,
  validate: validateGetRecoveryPointRestoreMetadataInput,
  output: {
    BackupVaultArn: "string",
    RecoveryPointArn: "string",
    RestoreMetadata: ["map", "string"],
    ResourceType: "string",
  },
});
