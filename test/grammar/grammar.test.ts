/**
 * The qemu-cmdline TextMate grammar, checked by vscode-tmgrammar-test (the vscode-textmate engine
 * VS Code itself uses) against the scope assertions in cases/*.args. The grammar is found through
 * package.json `contributes.grammars`, so a wrong path or scope name there fails too.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const CASES = readdirSync(join(__dirname, 'cases')).filter((f) => f.endsWith('.args'));

async function runCase(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, '--compact', `test/grammar/cases/${file}`], { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('qemu-cmdline grammar', () => {
  it('has scope-assertion cases for options, key=values, JSON and shell syntax', () => {
    expect(CASES.sort()).toEqual(['blockdev.args', 'drive.args', 'shell.args']);
  });

  it.each(CASES)('tokenizes %s as its assertions say', async (file) => {
    const { code, output } = await runCase(file);
    expect(output).not.toMatch(/ERROR/);
    expect(output).toContain(`${file} run successfuly`);
    expect(code).toBe(0);
  });
});
