// Cold start floor, raw node:http: the same PUT, unsigned; print the id (exit 1 without one).
import http from "node:http";
import { json } from "../payload.mjs";

const url = new URL("/restore-jobs", process.argv[2]);
const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(json)) };
const [status, text] = await new Promise((resolve, reject) => {
  const req = http.request(url, { method: "PUT", headers }, (res) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (chunk) => {
      body += chunk;
    });
    res.on("end", () => resolve([res.statusCode, body]));
    res.on("error", reject);
  });
  req.on("error", reject);
  req.end(json);
});
const id = status === 200 ? JSON.parse(text).RestoreJobId : undefined;
if (typeof id !== "string" || id === "") throw new Error(`status ${status}: ${text.slice(0, 200)}`);
console.log(id);
