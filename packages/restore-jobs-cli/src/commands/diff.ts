/**
 * `restore-jobs diff OLD NEW`: which changes between two versions of an OpenAPI document break
 * clients. A thin command over src/diff/.
 */
import { parseArgs } from "node:util";
import { DocumentLoadError } from "../diff/documents/load-document.js";
import { formatGithub } from "../diff/format/format-github.js";
import { formatJson } from "../diff/format/format-json.js";
import { formatMarkdown } from "../diff/format/format-markdown.js";
import { formatText } from "../diff/format/format-text.js";
import { counted } from "../diff/rules/ignore-list.js";
import { diffSources } from "../diff/run-diff.js";
import { type Level, severity } from "../diff/types.js";

export const help = `Usage: restore-jobs diff OLD NEW [options]
       npm run diff -- OLD NEW [options]

Compares two versions of an OpenAPI document and says which changes break clients.
OLD and NEW are files (YAML or JSON) or git revisions of a file, REV:path
(e.g. origin/main:openapi/restore-jobs.yaml, read with \`git show\` in the current directory).

Options:
  --format text|markdown|json|github
                                output format (default text; json is the interface for tools;
                                github: GitHub Actions annotations at the new document's lines;
                                every format groups the changes by operation)
  --fail-on breaking|warning|never
                                lowest level that makes the exit status 1 (default breaking)
  --no-compiler                 skip the compiler check (openapi-typescript + tsc; about a second)
  --ignore FILE                 accepted changes: a YAML or JSON list of { id, operation, location?,
                                reason }; a change an entry matches is reported as accepted and not
                                counted for --fail-on; an entry matching nothing is a warning
  -h, --help                    show this help

Exit status:
  0  no change at or above --fail-on
  1  a change at or above --fail-on was found
  2  it could not run (bad arguments, an --ignore file that is not a list of entries with id,
     operation and reason or names an id no rule reports, an unreadable or invalid document, a $ref cycle
     that never reaches a schema, a document nested more than 1500 levels deep)

A change inside a component shared along many paths is reported once, at the component; the
text and markdown formats name every operation that reaches it, the JSON output lists them in
"operations" (and where they reach it in "via").

Change ids and levels: docs/diff.md.`;

const formats = {
  text: formatText,
  markdown: formatMarkdown,
  json: formatJson,
  github: formatGithub,
} as const;
const failOns = ["breaking", "warning", "never"] as const;

/** Where the command writes and which directory `REV:path` and relative paths are read from; tests pass their own. */
export interface Io {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function run(argv: string[], io: Partial<Io> = {}): Promise<number> {
  const { cwd, out, err } = { ...processIo, ...io };
  const usageError = (message: string) => {
    err(`restore-jobs diff: ${message}\n\n${help}\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; allowPositionals: true }>>;
  const spec = {
    format: { type: "string", default: "text" },
    "fail-on": { type: "string", default: "breaking" },
    "no-compiler": { type: "boolean", default: false },
    ignore: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(`${help}\n`);
    return 0;
  }
  const format = values.format as keyof typeof formats;
  // Own keys only: `in` would accept "toString" and print "[object Object]".
  if (!Object.hasOwn(formats, format))
    return usageError(`--format must be text, markdown, json or github, not "${values.format}"`);
  const failOn = values["fail-on"] as (typeof failOns)[number];
  if (!failOns.includes(failOn))
    return usageError(`--fail-on must be breaking, warning or never, not "${failOn}"`);
  const [oldArg, newArg, ...extra] = positionals;
  if (oldArg === undefined || newArg === undefined || extra.length > 0) {
    return usageError(`expected two documents, OLD and NEW (got ${positionals.length})`);
  }
  try {
    const report = await diffSources(oldArg, newArg, {
      compiler: !values["no-compiler"],
      cwd,
      ...(values.ignore === undefined ? {} : { ignore: values.ignore }),
    });
    out(formats[format](report));
    if (failOn === "never") return 0;
    const threshold = severity(failOn as Level);
    return counted(report.changes).some((c) => severity(c.level) >= threshold) ? 1 : 0;
  } catch (error) {
    if (error instanceof DocumentLoadError) {
      err(`restore-jobs diff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
