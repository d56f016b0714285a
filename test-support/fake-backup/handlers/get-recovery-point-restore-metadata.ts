/**
 * GetRecoveryPointRestoreMetadata (GET /backup-vaults/{backupVaultName}/recovery-points/
 * {recoveryPointArn}/restore-metadata): what a test registered for that vault and recovery point.
 */
import { type Handler, label } from "../handler.js";
import { accountId, backupVaultName } from "../shapes.js";
import { invalidParameter, jsonAnswer, notFound } from "../wire.js";

export const getRecoveryPointRestoreMetadata: Handler = (request, context) => {
  const vault = label(request, "backupVaultName");
  if (!backupVaultName.pattern!.test(vault)) {
    throw invalidParameter(`backupVaultName must match ${backupVaultName.pattern!.source}; got "${vault}".`);
  }
  const arn = label(request, "recoveryPointArn");
  const account = request.query.string("backupVaultAccountId", accountId);
  const point = context.store.recoveryPoint(vault, arn);
  const owner = point?.AccountId ?? context.accountId;
  if (!point || (account !== undefined && account !== owner)) {
    throw notFound(`Recovery point ${arn} in backup vault ${vault}`);
  }
  return jsonAnswer({
    BackupVaultArn: point.BackupVaultArn ?? `arn:aws:backup:${context.region}:${owner}:backup-vault:${vault}`,
    RecoveryPointArn: point.RecoveryPointArn,
    RestoreMetadata: point.RestoreMetadata ?? {},
    ResourceType: point.ResourceType,
  });
};
