// Placeholder until the `verify` command lands; see its issue.
export async function run(_argv: string[]): Promise<number> {
  console.error("restore-jobs verify: not built yet");
  return 2;
}
