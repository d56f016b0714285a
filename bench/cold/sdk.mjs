// Cold start, the AWS SDK for JavaScript v3: import, sign and send one request, print the id.
import { BackupClient, StartRestoreJobCommand } from "@aws-sdk/client-backup";
import { credentials, input, region } from "../payload.mjs";

const sdk = new BackupClient({ region, endpoint: process.argv[2], credentials });
const { RestoreJobId } = await sdk.send(new StartRestoreJobCommand(input));
console.log(RestoreJobId);
sdk.destroy();
