/**
 * Hostile files through `vmdisk lint`: BOMs and UTF-16, binary files, a 50 MB file. A clear result
 * (the same findings as the plain UTF-8 file, or one finding saying why not) and an exit status,
 * never an internal error.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOMAIN, randomBytes } from './inputs';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'vmdisk-hostile-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Lint {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function lint(file: string, content: Buffer | string): Promise<Lint> {
  const path = join(dir, file);
  writeFileSync(path, content);
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'lint', '--format', 'json', path], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Findings and disks of the one file, without its path. */
function result(l: Lint) {
  expect(l.stderr).not.toMatch(/internal error/);
  const [file] = JSON.parse(l.stdout).files;
  return { disks: file.disks, diagnostics: file.diagnostics };
}

function utf16(text: string, bigEndian: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (bigEndian) body.swap16();
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

describe('vmdisk lint on hostile files', () => {
  it('UTF-8 with a BOM, UTF-16 LE and UTF-16 BE (with BOM) give the findings of the plain UTF-8 file', async () => {
    const plain = await lint('plain.xml', DOMAIN);
    expect(plain.code).toBe(1);
    const expected = result(plain);
    for (const [name, content] of [['bom.xml', `\ufeff${DOMAIN}`], ['utf16le.xml', utf16(DOMAIN, false)], ['utf16be.xml', utf16(DOMAIN, true)]] as const) {
      const l = await lint(name, content);
      expect(result(l), name).toEqual(expected);
      expect(l.code, name).toBe(1);
    }
  });

  it('a binary file named .xml or .args: an exit status and a clear result, not a crash', async () => {
    for (const name of ['binary.xml', 'binary.args']) {
      const l = await lint(name, randomBytes(1 << 20));
      expect([0, 1]).toContain(l.code);
      const { disks, diagnostics } = result(l);
      expect(disks, name).toEqual([]);
      expect(diagnostics.length, name).toBeLessThanOrEqual(3);
    }
  });

  it('a 50 MB file: one "too large to analyse" warning, exit 0, within seconds', async () => {
    const l = await lint('huge.xml', DOMAIN.replace('</devices>', `<!-- ${'x'.repeat(50 * 1024 * 1024)} --></devices>`));
    expect(l.code).toBe(0);
    const { diagnostics } = result(l);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toMatch(/too large to analyse/);
    expect(l.ms).toBeLessThan(15_000);
  });
});
