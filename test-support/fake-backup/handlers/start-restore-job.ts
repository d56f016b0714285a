/** StartRestoreJob (PUT /restore-jobs): a new job, or the one its IdempotencyToken started. */
import type { Handler } from "../handler.js";
import { resourceType } from "../shapes.js";
import { BodyReader, jsonAnswer } from "../wire.js";

export const startRestoreJob: Handler = (request, { store }) => {
  const body = new BodyReader(request.body);
  const job = store.start({
    RecoveryPointArn: body.string("RecoveryPointArn", { required: true }),
    Metadata: body.stringMap("Metadata", { required: true })!,
    IamRoleArn: body.string("IamRoleArn"),
    IdempotencyToken: body.string("IdempotencyToken"),
    ResourceType: body.string("ResourceType", { constraint: resourceType }),
    CopySourceTagsToRestoredResource: body.boolean("CopySourceTagsToRestoredResource"),
  });
  return jsonAnswer({ RestoreJobId: job.RestoreJobId });
};
