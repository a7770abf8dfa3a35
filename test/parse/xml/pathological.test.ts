/**
 * Inputs built to make a naive scanner quadratic. Each has 50,000 constructs: linear work takes
 * well under a second even on a busy machine, quadratic work (10^9 steps and more) far longer
 * than the bound.
 */
import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../../shared/src/parse/xml';

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const N = 50_000;
const BOUND_MS = 10_000;

describe('pathological input stays linear', () => {
  it('a tag with fifty thousand attributes and no < after it', () => {
    const text = `<domain><devices><disk type='file'><driver ${"a='1' ".repeat(N)}`;
    const { result, ms } = timed(() => parseDomainXml(text));
    expect(result.disks).toHaveLength(1);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('fifty thousand values missing their closing quote', () => {
    const text = `<domain><devices>${"<disk><source file='/a.img/>\n".repeat(N)}`;
    const { result, ms } = timed(() => parseDomainXml(text));
    expect(result.disks).toHaveLength(N);
    expect(result.disks[N - 1].source?.value).toBe('/a.img');
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('deep nesting flooded with stray end tags', () => {
    const text = '<domain>' + '<a>'.repeat(N) + '</b>'.repeat(N);
    const { result, ms } = timed(() => parseDomainXml(text));
    expect(result.problems.filter((p) => p.message.startsWith('Unexpected end tag'))).toHaveLength(N);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('fifty thousand stray < and unclosed comments', () => {
    const strays = timed(() => parseDomainXml('<domain>' + '< '.repeat(N)));
    expect(strays.result.problems.length).toBeGreaterThanOrEqual(N);
    expect(strays.ms).toBeLessThan(BOUND_MS);
    const comments = timed(() => parseDomainXml('<!-' + '<!-'.repeat(N)));
    expect(comments.ms).toBeLessThan(BOUND_MS);
  });

  it('fifty thousand disks that each start before the last one ended', () => {
    const text = `<domain><devices>${"<disk><target dev='vda'/>".repeat(N)}</devices></domain>`;
    const { result, ms } = timed(() => parseDomainXml(text));
    expect(result.disks).toHaveLength(N);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
