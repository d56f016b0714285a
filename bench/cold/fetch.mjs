// Cold start floor, raw fetch: the same PUT, unsigned; print the id (exit 1 without one).
import { json } from "../payload.mjs";

const res = await fetch(new URL("/restore-jobs", process.argv[2]), {
  method: "PUT",
  headers: { "content-type": "application/json" },
  body: json,
});
const text = await res.text();
const id = res.status === 200 ? JSON.parse(text).RestoreJobId : undefined;
if (typeof id !== "string" || id === "") throw new Error(`status ${res.status}: ${text.slice(0, 200)}`);
console.log(id);
