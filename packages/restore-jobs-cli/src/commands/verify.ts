/**
 * `restore-jobs verify`: the contract-verification job as a command. Parses the arguments,
 * prints progress on stderr and the closing table on stdout, and maps the outcome to the exit
 * status: 0 the target keeps the contract, 1 it breaks it, 2 the job could not run.
 * The engine lives in src/verify/; see docs/verify.md.
 */
import { VerifyCannotRun } from "../verify/errors.js";
import { type CommandOptions, helpText, parseOptions } from "../verify/options.js";
import { stopAllPrisms } from "../verify/prism-process.js";
import { Redactor } from "../verify/redaction.js";
import { closingTable, describeFinding, findingsOf, writeReports } from "../verify/reports.js";
import { dummyCredentials } from "../verify/request-signing.js";
import { verify } from "../verify/verify-job.js";

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CommandIo = {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

function replayCommand(options: CommandOptions) {
  return (check: string, seed: number, path: string) =>
    [
      "npm run verify --",
      options.target ? `--target ${options.target.href}` : "",
      options.proxy ? `--proxy ${options.proxy.href}` : "",
      `--checks ${check} --seed ${seed} --path ${path}`,
    ]
      .filter(Boolean)
      .join(" ");
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
  const redactor = new Redactor([
    io.env.AWS_SECRET_ACCESS_KEY,
    io.env.AWS_SESSION_TOKEN,
    dummyCredentials.secretAccessKey,
  ]);
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
  try {
    io.stderr(
      `restore-jobs verify: seed ${options.seed}, ${options.runs} runs per check${options.shard ? `, shard ${options.shard.index}/${options.shard.count}` : ""}`,
    );
    const outcome = await verify(
      {
        target: options.target,
        proxy: options.proxy,
        runs: options.runs,
        seed: options.seed,
        path: options.path,
        checks: options.checks,
        shard: options.shard,
        timeoutMs: options.timeoutMs,
        env: io.env,
        replayCommand: replayCommand(options),
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
    for (const finding of findingsOf(outcome)) io.stderr(`\n${redactor.text(describeFinding(finding))}`);
    io.stdout(`\n${closingTable(outcome)}`);
    if (options.report) {
      try {
        const files = await writeReports(options.report, outcome, redactor);
        io.stderr(`reports: ${files.join(", ")}`);
      } catch (error) {
        io.stderr(
          `restore-jobs verify: REPORT_UNWRITABLE: cannot write reports to ${options.report}: ${(error as Error).message}`,
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
