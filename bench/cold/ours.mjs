// Cold start, ours: import the built package by its name, sign and send one request, print the id.
import { createRestoreJobsClient } from "restore-jobs";
import { credentials, input, region } from "../payload.mjs";

const client = createRestoreJobsClient({ region, endpoint: process.argv[2], credentials });
const { id } = await client.startRestoreJob(input);
console.log(id);
