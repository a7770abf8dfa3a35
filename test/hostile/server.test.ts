/**
 * Hostile documents sent to the real server over stdio: it answers each with a clear result in
 * bounded time and stays alive and responsive afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, TestClient } from '../server/client';
import { billionLaughs, DOMAIN, randomBytes } from './inputs';

let client: TestClient;

beforeAll(async () => {
  assertServerBuilt();
  client = await TestClient.start();
});

afterAll(async () => {
  await client.stop();
});

async function timedOpen(uri: string, languageId: string, text: string) {
  const started = performance.now();
  const published = await client.open(uri, languageId, text);
  return { published, ms: performance.now() - started };
}

/** After each hostile document, a normal one still gets its diagnostics. */
async function expectResponsive(n: number): Promise<void> {
  const { published } = await timedOpen(`file:///hostile/after-${n}.xml`, 'xml', DOMAIN);
  expect(published.diagnostics.map((d) => d.code)).toContain('native-aio-needs-direct');
}

describe('hostile documents over LSP', () => {
  it('a 50 MB document: one "too large to analyse" diagnostic, within seconds', async () => {
    const huge = DOMAIN.replace('</devices>', `<!-- ${'x'.repeat(50 * 1024 * 1024)} --></devices>`);
    const { published, ms } = await timedOpen('file:///hostile/huge.xml', 'xml', huge);
    expect(published.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/too large to analyse/)]);
    expect(ms).toBeLessThan(15_000);
    expect(await client.hover('file:///hostile/huge.xml', { line: 3, character: 50 })).toBeNull();
    await client.close('file:///hostile/huge.xml');
    await expectResponsive(1);
  });

  it('binary content under each language id: answered, bounded, no crash', async () => {
    const text = randomBytes(1 << 20).toString('latin1');
    for (const [i, languageId] of ['xml', 'qemu-cmdline', 'shellscript'].entries()) {
      const { ms } = await timedOpen(`file:///hostile/binary-${i}`, languageId, text);
      expect(ms).toBeLessThan(15_000);
      await client.close(`file:///hostile/binary-${i}`);
    }
    await expectResponsive(2);
  });

  it('a flood of 200,000 broken elements: a bounded number of diagnostics, quickly', async () => {
    const { published, ms } = await timedOpen('file:///hostile/flood.xml', 'xml', `<domain><devices>${'<a>'.repeat(200_000)}`);
    expect(published.diagnostics.length).toBeGreaterThan(0);
    expect(published.diagnostics.length).toBeLessThanOrEqual(1_000);
    expect(ms).toBeLessThan(15_000);
    await client.close('file:///hostile/flood.xml');
    await expectResponsive(3);
  });

  it('billion laughs: answered at once, nothing expanded', async () => {
    const { published, ms } = await timedOpen('file:///hostile/lol.xml', 'xml', billionLaughs());
    expect(ms).toBeLessThan(5_000);
    const messages = published.diagnostics.map((d) => String(d.message));
    expect(messages.some((m) => m.includes('&lol9;'))).toBe(true);
    for (const m of messages) expect(m.length).toBeLessThan(2_000);
  });
});
