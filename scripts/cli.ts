#!/usr/bin/env node
/**
 * `restore-jobs <command>`: the installed package's command line. Each command lives in its own
 * file under scripts/ and exports `run(argv): Promise<number>` returning the exit status.
 */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }
> = {
  verify: {
    summary: "verify that a server keeps the documented StartRestoreJob contract (property-based)",
    load: () => import("./verify.js"),
  },
  diff: {
    summary: "compare two versions of an OpenAPI document and report what breaks clients",
    load: () => import("./diff.js"),
  },
};

const help = `Usage: restore-jobs <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(8)} ${summary}`)
  .join("\n")}

Run \`restore-jobs <command> --help\` for a command's options.

Exit status (every command): 0 all good, 1 what it checks failed, 2 it could not run.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(help);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`restore-jobs: unknown command "${name}"\n\n${help}`);
    return 2;
  }
  return (await command.load()).run(rest);
}

// Through node_modules/.bin, argv[1] is a symlink: compare the real file.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`restore-jobs: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
