/**
 * `restore-jobs <command>`: the command line of restore-jobs-cli. Each command lives in its own
 * file under commands/ and exports `run(argv): Promise<number>` returning the exit status.
 */

const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }
> = {
  verify: {
    summary: "verify that a server keeps the documented StartRestoreJob contract (property-based)",
    load: () => import("./commands/verify.js"),
  },
  diff: {
    summary: "compare two versions of an OpenAPI document and report what breaks clients",
    load: () => import("./commands/diff.js"),
  },
};

const help = `Usage: restore-jobs <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(8)} ${summary}`)
  .join("\n")}

Run \`restore-jobs <command> --help\` for a command's options.

Exit status (every command): 0 all good, 1 what it checks failed, 2 it could not run.`;

/** Runs one command line to its exit status; never throws (a failure is printed, status 2). */
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
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    console.error(`restore-jobs: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
