/** `restore-jobs verify --help`: the options and the exit statuses. */
import { checkNames } from "../verify/types.js";

export const defaultRuns = 100;
export const defaultTimeoutMs = 10_000;

export const helpText = `Usage: restore-jobs verify [options]
       npm run verify -- [options]

Verifies that a server keeps the StartRestoreJob contract of openapi/restore-jobs.yaml (or of
--spec), with property-based cases generated from the spec. Without --target, against the
embedded Prism mock of that spec.

Options:
  --spec FILE|REV:path
                      verify against this version of the document (a file, or a git revision of
                      one as restore-jobs diff reads it: origin/main:openapi/restore-jobs.yaml);
                      the checks, the cases and the embedded mock come from it (default: the
                      spec shipped with the client); the reports name it and its sha256
  --target URL        the server to verify (default: start the embedded Prism mock of the spec)
  --proxy UPSTREAM    verify UPSTREAM through Prism's validation proxy; its sl-violations are findings
  --runs N            random cases per check (default ${defaultRuns}), after the fixed ones every
                      run sends (valid coverage; every rule and near miss of the schema)
  --seed S            fast-check seed (default: random, printed); replays a run
  --path P            fast-check path of a finding, with --seed and --checks (its one check): replays that case
  --checks a,b,...    only these checks (default: all): ${checkNames.join(", ")}
  --shard i/n         run the i-th of n slices of the cases (as vitest --shard), for CI machines
  --report DIR        write DIR/junit.xml, DIR/summary.md and DIR/results.json
  --workers N         cases in flight at once, 1 to 64 (default 1; 8 against the embedded mock);
                      a finding, its shrinking and --path replay are the same as with 1
  --timeout MS        an answer later than this is a finding of not_a_server_error (default ${defaultTimeoutMs})
  -H, --header "Name: value"
                      send this header with every request, signed with the rest (repeatable); the
                      values of secret-looking names (authorization, x-api-key, cookie, *token*,
                      *secret*, *key*, *password*) are redacted in every report, log and curl line
  --rate-limit N/s|N/m
                      send at most N requests a second (or a minute): all workers, the probe,
                      replays and shrinking together
  --max-response-bytes N
                      read no answer's body past N bytes (1024 to 1073741824, or 64KiB, 1MiB,
                      1GiB; default 1 MiB): a longer one, like one with more than 100 header
                      fields, is a finding of not_a_server_error; redirects are never followed
  -h, --help          this help

A case is sent once for all the checks that judge it by its answer: the closing table counts each
check's cases and the requests it sent. Every answer, to any check's request, is judged by the
checks it concerns; a check that judged none says "not judged". A 429 with Retry-After is waited
out and sent again, and counted. The first failure is the finding: one that does not come back
when its case is sent again is reported as flaky, and still fails the run.

Requests are signed with SigV4 from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
and AWS_REGION (default us-east-1); against the embedded mock, dummy credentials when none are set.

Exit status: 0 the target keeps the contract; 1 it breaks it (at least one finding);
2 the job could not run (bad arguments, an unreadable or incomplete spec, no credentials, target
unreachable at the contract's path, a target that throttles past the job's budget).
See docs/verify.md.`;
