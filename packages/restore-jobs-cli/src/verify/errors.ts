/** The reasons the job cannot run (exit status 2); each is listed in docs/verify.md. */
export type CannotRunCode =
  | "BAD_ARGUMENTS"
  | "SPEC_UNREADABLE"
  | "SPEC_INCOMPLETE"
  | "NO_CREDENTIALS"
  | "TARGET_UNREACHABLE"
  | "THROTTLED"
  | "PRISM_START_FAILED"
  | "PRISM_EXITED"
  | "REPORT_UNWRITABLE"
  | "INTERRUPTED";

/** The job could not run: bad arguments, an unreadable spec, an unreachable target, ... */
export class VerifyCannotRun extends Error {
  override readonly name = "VerifyCannotRun";
  constructor(
    readonly code: CannotRunCode,
    message: string,
  ) {
    super(message);
  }
}
