/** The results as one Markdown table of medians and ratios, with the goals they are held to, plus details. */
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./build.js";
import type { BundleResult } from "./bundle.js";
import type { ColdResult } from "./cold.js";
import type { ContractResult } from "./contract.js";
import type { DiffResult } from "./diff.js";
import type { InstallResult } from "./install.js";
import type { PartName, Settings } from "./options.js";
import type { SignResult } from "./sign.js";
import { median, num, ratio, spread } from "./stats.js";
import type { ThroughputResult } from "./throughput.js";

/** Each part's outcome: its figures, why it failed, or undefined when not selected. */
export interface Results {
  bundle?: BundleResult | Error;
  cold?: ColdResult | Error;
  throughput?: ThroughputResult | Error;
  sign?: SignResult | Error;
  contract?: ContractResult | Error;
  install?: InstallResult | Error;
  diff?: DiffResult | Error;
}

interface Goal {
  text: string;
  /** ours/theirs must be at most (`max`) or at least (`min`) this. */
  kind: "max" | "min";
  value: number;
}

interface Row {
  part: string;
  figure: string;
  ours: string;
  against: string;
  theirs: string;
  ratio: string;
  goal: string;
  met: string;
}

function judge(r: number, goal: Goal | undefined): string {
  if (!goal) return "";
  if (!Number.isFinite(r)) return "n/a";
  if (goal.kind === "max") {
    return r <= goal.value ? "**yes**" : `**no**: ours must shrink ${Math.ceil((1 - goal.value / r) * 100)}%`;
  }
  return r >= goal.value ? "**yes**" : `**no**: ours must grow ${Math.ceil((goal.value / r - 1) * 100)}%`;
}

function compare(
  part: string,
  figure: string,
  ours: number,
  against: string,
  theirs: number,
  goal?: Goal,
  format: (n: number) => string = num,
): Row {
  const r = ours / theirs;
  return {
    part,
    figure,
    ours: format(ours),
    against,
    theirs: format(theirs),
    ratio: ratio(r),
    goal: goal?.text ?? "",
    met: judge(r, goal),
  };
}

/** A row that only says something (a figure that could not be measured). */
function note(part: string, figure: string): Row {
  return { part, figure, ours: "", against: "", theirs: "", ratio: "", goal: "", met: "" };
}

function missing(part: string, outcome: Error | undefined, name: PartName): Row {
  const why = outcome
    ? `failed: ${outcome.message.replace(/\s+/g, " ").slice(0, 200)}`
    : `not run (--only without ${name})`;
  return { part, figure: why, ours: "", against: "", theirs: "", ratio: "", goal: "", met: "" };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;

function rows(results: Results, settings: Settings): { rows: Row[]; details: string[] } {
  const out: Row[] = [];
  const details: string[] = [];
  const { bundle, cold, throughput, sign, contract, install, diff } = results;

  const p1 = "1 bundle";
  if (bundle && !(bundle instanceof Error)) {
    const goal: Goal = { text: "≤ 1/15 (0.067×)", kind: "max", value: 1 / 15 };
    out.push(compare(p1, "min + gzip -9", bundle.ours.gzip, "AWS SDK", bundle.sdk.gzip, goal, kB));
    out.push(
      compare(
        p1,
        "min + gzip -9",
        bundle.ours.gzip,
        "AWS SDK, mainFields [main]",
        bundle.sdkMainOnly.gzip,
        undefined,
        kB,
      ),
    );
    out.push(compare(p1, "minified", bundle.ours.minified, "AWS SDK", bundle.sdk.minified, undefined, kB));
    out.push(
      compare(
        p1,
        "min + gzip -9, all eight operations",
        bundle.oursEight.gzip,
        "AWS SDK",
        bundle.sdkEight.gzip,
        undefined,
        kB,
      ),
    );
    for (const b of [bundle.ours, bundle.sdk, bundle.sdkMainOnly, bundle.oursEight, bundle.sdkEight]) {
      const largest = b.largest.map((i) => `${i.path} ${kB(i.bytes)}`).join(", ");
      details.push(
        `- bundle ${b.label}: ${kB(b.minified)} minified, ${kB(b.gzip)} gzip; ran once and got its answer: ${b.runs ? "yes" : "no"}; largest inputs: ${largest}`,
      );
    }
  } else out.push(missing(p1, bundle, "bundle"));

  const p2 = `2 cold start (ms, median of ${settings.coldRuns})`;
  if (cold && !(cold instanceof Error)) {
    const ours = median(cold.ours);
    out.push(
      compare(p2, "spawn → exit", ours, "AWS SDK", median(cold.sdk), {
        text: "≤ 0.7×",
        kind: "max",
        value: 0.7,
      }),
    );
    out.push(compare(p2, "spawn → exit", ours, "raw fetch (floor)", median(cold.fetch)));
    out.push(compare(p2, "spawn → exit", ours, "raw node:http (floor)", median(cold.http)));
    for (const [name, samples] of Object.entries(cold))
      details.push(`- cold ${name}: median ${num(median(samples))} ms, ${spread(samples)} ms`);
  } else out.push(missing(p2, cold, "cold"));

  const p3 = `3 throughput (req/s, median of ${settings.rounds} × ${settings.windowMs / 1000} s)`;
  if (throughput && !(throughput instanceof Error)) {
    const { clients, server } = throughput;
    const m = (client: keyof typeof clients, c: 1 | 16) => median(clients[client].rps[c]);
    // The same three comparisons at each concurrency; the goals differ.
    const goals: Record<1 | 16, { sdk: Goal; http?: Goal }> = {
      1: { sdk: { text: "≥ 1.5×", kind: "min", value: 1.5 } },
      16: { sdk: { text: "≥ 2×", kind: "min", value: 2 }, http: { text: "≥ 0.5×", kind: "min", value: 0.5 } },
    };
    for (const c of [1, 16] as const) {
      const figure = `${c} at a time`;
      out.push(compare(p3, figure, m("ours", c), "AWS SDK", m("sdk", c), goals[c].sdk));
      out.push(compare(p3, figure, m("ours", c), "raw fetch (floor)", m("fetch", c)));
      out.push(compare(p3, figure, m("ours", c), "raw node:http (floor)", m("http", c), goals[c].http));
    }
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    for (const [name, f] of Object.entries(clients)) {
      const at = (c: 1 | 16) =>
        `${c} at a time ${spread(f.rps[c])} req/s, ${num(median(f.cpuUs[c]))} µs client CPU per request, server busy ${pct(median(f.serverBusy[c]))}`;
      details.push(
        `- throughput ${name}: ${at(1)}; ${at(16)}; the server checked all ${f.requests.toLocaleString("en-US")} requests (errors 0, wrong 0), ${f.connections[1]} + ${f.connections[16]} connections over ${settings.rounds} run(s)`,
      );
    }
    // Who bounds the raw node:http floor at 16 in flight: a server busy near one core (it is one
    // event loop) means the floor measures the server, not node:http's client.
    const http = clients.http;
    const serverBusy = median(http.serverBusy[16]);
    const clientBusy = median(http.cpuUs[16]) * m("http", 16) * 1e-6;
    const verdict =
      serverBusy >= 0.9
        ? "the server is the bottleneck of the raw node:http floor: the floor understates raw node:http, and the ≥ 0.5× goal is measured against the server's limit"
        : `the server is not the bottleneck (two clients together ${server.together > 1.15 * server.alone ? "got more than one" : "got no more than one: the machine's two cores, shared by both clients, the server and other work, are the limit"}); ${clientBusy >= 0.9 ? "the raw client's own CPU is the limit of the floor" : "neither process had a full core: other work on the machine takes the rest"}`;
    details.push(
      `- the loopback server at raw node:http 16 at a time: server busy ${pct(serverBusy)} of a core, the client ${pct(clientBusy)}. Two raw node:http clients at once: ${num(server.together)} req/s together against ${num(server.alone)} alone just before (server busy ${pct(server.busyTogether)}): ${verdict}`,
    );
    // The same ratios round by round: ours and the other ran within seconds of each other, so a
    // slow moment of the machine moves both; a steadier view than the ratio of the medians.
    const paired = (other: keyof typeof clients, c: 1 | 16) => {
      const rs = clients.ours.rps[c].map((x, i) => x / (clients[other].rps[c][i] ?? Number.NaN));
      return `${ratio(median(rs))} (${rs.map((r) => ratio(r)).join(", ")})`;
    };
    details.push(
      `- throughput ours/theirs round by round, median (each round): 1 at a time vs AWS SDK ${paired("sdk", 1)}; 16 at a time vs AWS SDK ${paired("sdk", 16)}; 16 at a time vs raw node:http ${paired("http", 16)}`,
    );
  } else out.push(missing(p3, throughput, "throughput"));

  const p4 = `4 signing (ops/s, median of ${settings.signRounds} × ${settings.signOps})`;
  if (sign && !(sign instanceof Error)) {
    const ours = median(sign.ours ?? []);
    for (const [name, samples] of Object.entries(sign)) {
      if (name !== "ours")
        out.push(
          compare(
            p4,
            "signRequest vs SignatureV4.sign",
            ours,
            `@smithy/signature-v4 (${name.replace("smithy + ", "")})`,
            median(samples),
          ),
        );
      details.push(`- signing ${name}: ${spread(samples)} ops/s`);
    }
  } else out.push(missing(p4, sign, "sign"));

  const p5 = "5 contract job";
  if (contract && !(contract instanceof Error)) {
    const { mock, mockOnJobCases } = contract;
    const label = (c: string) => `the mock's capacity, small valid PUTs ${c} at a time (req/s)`;
    const rounds = contract.mockFirstPasses.length;
    const onJobCases = `a fresh mock's first pass over the job's own requests, 16 cases at a time (req/s, median of ${rounds})`;
    const fixedPut = (against: string) =>
      "unavailable" in mock ? Number.NaN : (mock[against] ?? Number.NaN);
    const rowsOf: [string, ContractResult["verify"], string][] = [
      ["--workers 1", contract.verify, "1"],
      [`--workers ${contract.workers}`, contract.verifyConcurrent, "16"],
    ];
    for (const [workers, verify, against] of rowsOf) {
      if ("unavailable" in verify) {
        out.push(note(p5, `verify, ${workers}: not available: ${verify.unavailable}`));
        continue;
      }
      // The goal is judged against what a fresh Prism (as the job meets it) can do with the job's
      // own requests, in requests (an idempotency case is a pair); the small valid PUTs show how
      // much more those cost Prism.
      if (against === "16") {
        const figure = `verify req/s, ${workers} (median of ${contract.verifyConcurrentRuns.length})`;
        out.push(
          typeof mockOnJobCases === "number"
            ? compare(p5, figure, verify.requestsPerSecond, onJobCases, mockOnJobCases, {
                text: "≥ 0.8×",
                kind: "min",
                value: 0.8,
              })
            : note(
                p5,
                `${figure} ${num(verify.requestsPerSecond)}; ${onJobCases}: ${mockOnJobCases.unavailable}`,
              ),
        );
      }
      const figure = `verify cases/s, ${workers}`;
      out.push(
        "unavailable" in mock
          ? note(p5, `${figure} ${num(verify.casesPerSecond)}; the mock: not available: ${mock.unavailable}`)
          : compare(p5, figure, verify.casesPerSecond, label(against), fixedPut(against)),
      );
      details.push(
        `- contract, ${workers}: ${verify.cases} cases (${verify.requests} requests) in ${num(verify.checksMs / 1000)} s of checks (${num(verify.wallMs / 1000)} s with Prism's start), ${settings.verifyRuns} runs per check${verify.findings ? ", WITH FINDINGS" : ""}`,
      );
    }
    if (typeof mockOnJobCases === "number") {
      const { verifyConcurrentRuns: jobs, mockFirstPasses: passes } = contract;
      const ratios = jobs.map((job, round) => `${(job / (passes[round] ?? Number.NaN)).toFixed(2)}×`);
      details.push(
        `- the mock (a fresh Prism, alone) on the job's own ${contract.jobCases} cases (${contract.jobRequests} requests; the same seed and runs, sent as its checks send them, raw node:http, no judging), 16 cases at a time: ${num(mockOnJobCases)} req/s on its first pass (median of ${passes.length}: ${passes.map(num).join(", ")}), the job's figure's baseline; ${contract.mockWarmingUp.map(num).join(" and ")} req/s on the next two passes over the same requests in the last round, as V8 warms Prism's code up (the job meets a fresh Prism every run)`,
        `- contract, --workers ${contract.workers}, round by round (the job's req/s, then a fresh Prism's first pass): ${jobs.map((job, round) => `${num(job)} / ${num(passes[round] ?? Number.NaN)} = ${ratios[round]}`).join("; ")}`,
      );
    }
    if (!("unavailable" in mock))
      details.push(
        `- the mock (Prism, alone): ${num(mock["1"] ?? Number.NaN)} req/s 1 at a time, ${num(mock["16"] ?? Number.NaN)} req/s 16 at a time (small valid signed PUTs, raw node:http)`,
      );
  } else out.push(missing(p5, contract, "contract"));

  const p6 = "6 install size";
  if (install && !(install instanceof Error)) {
    const goal: Goal = { text: "≤ 0.25×", kind: "max", value: 0.25 };
    out.push(
      compare(
        p6,
        "du -sk node_modules, restore-jobs",
        install.client.bytes,
        "AWS SDK",
        install.sdk.bytes,
        goal,
        MB,
      ),
    );
    out.push(
      compare(
        p6,
        "du -sk node_modules, restore-jobs-cli",
        install.tools.bytes,
        "AWS SDK",
        install.sdk.bytes,
        undefined,
        MB,
      ),
    );
    for (const i of [install.client, install.tools, install.sdk])
      details.push(
        `- install ${i.label} into an empty project: ${MB(i.bytes)} in node_modules, ${i.packages} packages`,
      );
  } else out.push(missing(p6, install, "install"));

  const p7 = `7 diff (ms, median of ${settings.diffRuns})`;
  if (diff && !(diff instanceof Error)) {
    const goal: Goal = { text: "≤ 1× (under 2 s)", kind: "max", value: 1 };
    const figure = (how: string) => `${how}, ${diff.lines.old} + ${diff.lines.new} lines, --no-compiler`;
    out.push(
      compare(p7, figure("node dist/bin.js diff, spawn → exit"), median(diff.process), "2 s", 2000, goal),
    );
    out.push(compare(p7, figure("diffSources in-process"), median(diff.inProcess), "2 s", 2000));
    const { shape, bytes } = diff.shared;
    out.push(
      compare(
        p7,
        `node dist/bin.js diff, spawn → exit, components shared ${shape.fanOut} ways ${shape.depth} deep (${(bytes / 1000).toFixed(1)} kB, ${shape.fanOut}^${shape.depth} paths), --no-compiler`,
        median(diff.shared.process),
        "1 s",
        1000,
        { text: "≤ 1× (under 1 s)", kind: "max", value: 1 },
      ),
    );
    details.push(
      `- diff of the generated specs (packages/restore-jobs-cli/test/diff/large-specs.ts): ${diff.changes} changes found; the command ${spread(diff.process)} ms, in-process ${spread(diff.inProcess)} ms; the shared components (packages/restore-jobs-cli/test/diff/shared-specs.ts) ${diff.shared.changes} changes found, the command ${spread(diff.shared.process)} ms; ${diff.note}`,
    );
  } else out.push(missing(p7, diff, "diff"));
  return { rows: out, details };
}

function markdown(rowsIn: Row[]): string {
  const head: Row = {
    part: "part",
    figure: "figure",
    ours: "ours",
    against: "compared with",
    theirs: "theirs",
    ratio: "ours/theirs",
    goal: "goal",
    met: "met",
  };
  const line = (r: Row) =>
    `| ${[r.part, r.figure, r.ours, r.against, r.theirs, r.ratio, r.goal, r.met].join(" | ")} |`;
  return [line(head), "| --- | --- | ---: | --- | ---: | ---: | --- | --- |", ...rowsIn.map(line)].join("\n");
}

export interface RunInfo {
  command: string;
  startedAt: Date;
  durationMs: number;
  loadAtStart: number[];
  notes: string[];
  settings: Settings;
}

function version(name: string): string {
  const file =
    name === "restore-jobs" ? "packages/restore-jobs/package.json" : `node_modules/${name}/package.json`;
  try {
    return (JSON.parse(readFileSync(join(repoRoot, file), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function report(results: Results, info: RunInfo): string {
  const { rows: table, details } = rows(results, info.settings);
  const cpu = cpus();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
  return [
    "# restore-jobs benchmarks",
    "",
    `Node ${process.version}, ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${info.startedAt.toISOString()}; ${Math.round(info.durationMs / 1000)} s.`,
    `Versions: restore-jobs ${version("restore-jobs")} (packages/restore-jobs/dist/restore-jobs.js), @aws-sdk/client-backup ${version("@aws-sdk/client-backup")}, @smithy/signature-v4 ${version("@smithy/signature-v4")}, esbuild ${version("esbuild")}.`,
    `Reproduce: \`${info.command}\`. Load average (1/5/15 min) at start ${load(info.loadAtStart)}, at end ${load(loadavg())}: other work on the machine makes the figures noisy; compare within one run, not across runs.`,
    "",
    markdown(table),
    "",
    "Ratios are ours/theirs: for bundle, cold start, install size and diff lower is better, for the rest higher is better.",
    "The floors (raw fetch, raw node:http) send the same PUT and body unsigned. The loopback server checks every request of every contender (PUT /restore-jobs, the same body byte for byte but the idempotency token, signed or not as it should be, kept-alive connections) and each contender parses the answer; a run with one failed or foreign request gets no figure. A missed goal is reported, not an error.",
    "",
    "## Details",
    "",
    ...details,
    ...info.notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}
