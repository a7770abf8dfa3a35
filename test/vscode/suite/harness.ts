/**
 * A minimal test harness for the extension host: named tests run in order, each under a deadline,
 * and the outcome is plain data that both runners report (test-electron through a rejected promise,
 * code-server through a JSON file).
 */
export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface SuiteResult {
  ok: boolean;
  trusted: boolean;
  vscodeVersion: string;
  tests: TestResult[];
  /** Measurements tests record for the outer test to check (e.g. image checksums). */
  facts: Record<string, unknown>;
}

type TestBody = () => Promise<void>;

export class Suite {
  private readonly tests: { name: string; body: TestBody }[] = [];
  readonly facts: Record<string, unknown> = {};

  constructor(private readonly deadlineMs: number) {}

  test(name: string, body: TestBody): void {
    this.tests.push({ name, body });
  }

  async run(context: { trusted: boolean; vscodeVersion: string }, log: (line: string) => void): Promise<SuiteResult> {
    const results: TestResult[] = [];
    for (const { name, body } of this.tests) {
      const started = Date.now();
      try {
        await withDeadline(body(), this.deadlineMs, name);
        results.push({ name, ok: true, ms: Date.now() - started });
        log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        results.push({ name, ok: false, ms: Date.now() - started, error: message });
        log(`FAIL ${name}: ${message}`);
      }
    }
    return { ok: results.every((r) => r.ok), ...context, tests: results, facts: this.facts };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
