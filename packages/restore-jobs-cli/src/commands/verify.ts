/**
 * `restore-jobs verify`: the contract-verification job as a command. Parses the arguments,
 * prints progress on stderr and the closing table on stdout, and maps the outcome to the exit
 * status: 0 the target keeps the contract, 1 it breaks it, 2 the job could not run.
 * The flags are parsed once (verify-options.ts) into the one options object the engine in
 * src/verify/ takes; the command writes each finding's replay line. See docs/verify.md.
 */
import { VerifyCannotRun } from "../verify/errors.js";
import { stopAllPrisms } from "../verify/prism-process.js";
import { Redactor } from "../verify/redaction.js";
import { closingTable, describeFinding, findingsOf, type Report, writeReports } from "../verify/reports.js";
import { dummyCredentials } from "../verify/request-signing.js";
import { type VerifyOutcome, verify } from "../verify/verify-job.js";
import { type CommandOptions, helpText, parseOptions } from "./verify-options.js";
import { type ReplayedOptions, replayLine } from "./verify-replay-line.js";

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  /** Where `--spec` is read from; default the process's working directory. */
  cwd?: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CommandIo = {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** The outcome as reported: each finding with the command line that replays it. */
function reportOf(outcome: VerifyOutcome, options: ReplayedOptions): Report {
  return {
    ...outcome,
    results: outcome.results.map(({ finding, ...result }) =>
      finding ? { ...result, finding: { ...finding, replay: replayLine(options, finding) } } : result,
    ),
  };
}

export async function run(argv: string[], io: CommandIo = processIo): Promise<number> {
  let options: CommandOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    io.stderr(
      `restore-jobs verify: ${(error as Error).message}\nRun \`restore-jobs verify --help\` for the options.`,
    );
    return 2;
  }
  if (options.help) {
    io.stdout(helpText);
    return 0;
  }
  const redactor = new Redactor(
    [io.env.AWS_SECRET_ACCESS_KEY, io.env.AWS_SESSION_TOKEN, dummyCredentials.secretAccessKey],
    options.verify.headers,
  );
  const interrupted = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted.abort();
    io.stderr(`restore-jobs verify: ${signal}, stopping`);
    // Prism first, then leave: nothing may outlive the job.
    void stopAllPrisms().finally(() => process.exit(2));
  };
  const listening = io === processIo;
  if (listening) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  let lastLine = "";
  const { report: reportDir, verify: job } = options;
  try {
    io.stderr(
      `restore-jobs verify: seed ${job.seed}, ${job.runs} runs per check${job.shard ? `, shard ${job.shard.index}/${job.shard.count}` : ""}`,
    );
    const outcome = await verify(
      {
        ...job,
        env: io.env,
        cwd: io.cwd ?? process.cwd(),
        onProgress: (check, done, planned) => {
          // One line per quarter of a check, so CI logs stay short.
          const step = Math.max(1, Math.ceil(planned / 4));
          const line = `  ${check} ${done}/${planned}`;
          if ((done % step === 0 || done === planned) && line !== lastLine) {
            lastLine = line;
            io.stderr(line);
          }
        },
      },
      interrupted.signal,
    );
    const report = reportOf(outcome, job);
    for (const finding of findingsOf(report)) io.stderr(`\n${redactor.text(describeFinding(finding))}`);
    io.stdout(`\n${closingTable(outcome)}`);
    if (reportDir) {
      try {
        const files = await writeReports(reportDir, report, redactor);
        io.stderr(`reports: ${files.join(", ")}`);
      } catch (error) {
        io.stderr(
          `restore-jobs verify: REPORT_UNWRITABLE: cannot write reports to ${reportDir}: ${(error as Error).message}`,
        );
        return 2;
      }
    }
    return findingsOf(outcome).length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof VerifyCannotRun) {
      io.stderr(`restore-jobs verify: ${error.code}: ${redactor.text(error.message)}`);
      return 2;
    }
    io.stderr(
      `restore-jobs verify: the job failed: ${redactor.text(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
    );
    return 2;
  } finally {
    if (listening) {
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
    }
  }
}
