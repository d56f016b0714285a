/**
 * The lean face of the client, as the AWS SDK v3's bare `BackupClient` + `…Command`: a core that
 * sends any operation it is handed, so a program bundles only the operations it imports
 * (`send(StartRestoreJob, input)`). `createRestoreJobsClient` (client.ts) is the convenient face.
 */
import type { CallOptions, Operation } from "./operations/operation.js";
import { type RestoreJobsClientOptions, resolveOptions } from "./options.js";
import { createRuntime } from "./runtime/runtime.js";

export interface RestoreJobsCore {
  /**
   * Calls `operation` (an operation export such as `StartRestoreJob`) with `input`: validated
   * first, nothing sent when it is invalid; retried safely when the operation allows it.
   */
  send<Input, Output>(
    operation: Operation<Input, Output>,
    input: Input,
    options?: CallOptions,
  ): Promise<Output>;
  readonly region: string;
  readonly endpoint: string;
}

export function createRestoreJobsCore(clientOptions?: RestoreJobsClientOptions): RestoreJobsCore {
  const options = resolveOptions(clientOptions);
  const runtime = createRuntime(options);
  return { send: runtime.send, region: options.region, endpoint: runtime.baseUrl };
}
