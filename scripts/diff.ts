// Placeholder until the `diff` command lands; see its issue.
export async function run(_argv: string[]): Promise<number> {
  console.error("restore-jobs diff: not built yet");
  return 2;
}
