// Cold start floor, raw node:http: the same PUT, unsigned; print the id.
import http from "node:http";
import { json } from "../payload.mjs";

const url = new URL("/restore-jobs", process.argv[2]);
const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(json)) };
const text = await new Promise((resolve, reject) => {
  const req = http.request(url, { method: "PUT", headers }, (res) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (chunk) => {
      body += chunk;
    });
    res.on("end", () => resolve(body));
  });
  req.on("error", reject);
  req.end(json);
});
console.log(JSON.parse(text).RestoreJobId);
