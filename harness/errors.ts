/**
 * Typed errors. Every error says the condition, the observed value, the limit and the fix,
 * and carries the exit code `archtdd` uses for it.
 *
 * Exit codes (documented in the README):
 *   0 every gate SLO holds
 *   1 a gate SLO failed (or was INCONCLUSIVE / INVALID: never a pass)
 *   2 invalid configuration, or the environment could not start
 */
export const ExitCode = {
  ok: 0,
  sloFailed: 1,
  invalid: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class ArchtddError extends Error {
  abstract readonly exitCode: ExitCode;
  /** One line on how to fix it; printed after the message. */
  readonly fix: string | undefined;
  constructor(message: string, options?: { fix?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.fix = options?.fix;
  }
  /** The message with the fix line, as the CLI prints it. */
  describe(): string {
    return this.fix ? `${this.message}\n  fix: ${this.fix}` : this.message;
  }
}

/** One problem in a declaration, pointing at the field that holds it. */
export interface ConfigIssue {
  /** Where: e.g. `slo "catalog-p95".objective` */
  path: string;
  /** What is wrong, one sentence. */
  message: string;
  /** How to fix it, one sentence. */
  fix?: string;
}

/** Invalid scenario, SLO, threshold, PromQL, load or fault configuration. Raised before any server starts. */
export class InvalidConfigError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(
      issues.length === 1
        ? formatIssue(issues[0]!)
        : `${issues.length} configuration problems:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`,
    );
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}${issue.fix ? ` Fix: ${issue.fix}` : ''}`;
}

/** A threshold expression that does not parse or does not fit its metric. */
export class InvalidThresholdError extends InvalidConfigError {}

/** A server, service, proxy or runtime could not start or become ready. */
export class EnvironmentStartError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
}

/** A required binary is missing from the machine. */
export class MissingBinaryError extends EnvironmentStartError {
  constructor(binary: string, debianPackage: string) {
    super(`The binary "${binary}" was not found on PATH.`, {
      fix: `Install it: apt-get install -y ${debianPackage} (or run "pnpm setup"; see README "Set-up").`,
    });
  }
}

/** A readiness wait ran out of time. */
export class ReadinessTimeoutError extends EnvironmentStartError {
  constructor(what: string, condition: string, waitedMs: number, lastError?: unknown, logFile?: string) {
    super(
      `${what}: ${condition} not met after ${waitedMs}ms` +
        (lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : ''),
      { fix: logFile ? `Read the server log at ${logFile}.` : 'Raise the deadline or check the server log.' },
    );
  }
}

/** A fault could not be applied, removed, or was not observed. */
export class FaultError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
}

/** Prometheus could not be queried. */
export class PrometheusQueryError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
}
