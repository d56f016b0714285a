// Cold start floor, raw fetch: the same PUT, unsigned; print the id.
import { json } from "../payload.mjs";

const res = await fetch(new URL("/restore-jobs", process.argv[2]), {
  method: "PUT",
  headers: { "content-type": "application/json" },
  body: json,
});
console.log((await res.json()).RestoreJobId);
