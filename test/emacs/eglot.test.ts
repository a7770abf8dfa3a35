/**
 * Emacs with eglot as the client, configured by the snippet of docs/editors.md verbatim
 * (test/emacs/init-snippet.el): batch Emacs visits a domain XML, a QEMU `.args` file and a launch
 * script, and driver.el reports what Flymake got from eglot as JSON. Debian: emacs-nox + elpa-eglot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt } from '../server/client';
import { editorsDocBlocks } from '../support/docSnippets';
import { charColumn, EDITOR_FILES, writeEditorFiles } from '../support/editorFiles';
import { editorEnv, processAlive, SERVER_COMMAND } from '../support/editorEnv';
import { requireTool } from '../support/tools';

const SNIPPET = join(__dirname, 'init-snippet.el');
const DRIVER = join(__dirname, 'driver.el');

interface LspDiagnostic {
  code: string;
  severity: number;
  range: { start: { line: number; character: number } };
}

interface FlymakeDiagnostic {
  code: string;
  type: string;
  line: number;
  column: number;
  text: string;
}

interface EmacsBuffer {
  file: string;
  mode: string;
  languageId: string;
  server: string;
  pid: number;
  flymake: FlymakeDiagnostic[];
  published: LspDiagnostic[];
}

interface EmacsResult {
  ok: boolean;
  error: string | null;
  emacs: string;
  eglot: string;
  servers: number;
  buffers: EmacsBuffer[];
}

describe('the eglot snippet of docs/editors.md', () => {
  it('is in the doc verbatim', () => {
    expect(editorsDocBlocks('elisp')).toContain(readFileSync(SNIPPET, 'utf8'));
  });
});

describe.skipIf(!requireTool('emacs'))('Emacs + eglot with the snippet of docs/editors.md', () => {
  let dir: string;
  let emacs: ChildProcess | undefined;
  let result: EmacsResult;
  let exitCode: number | null;
  let stderr = '';

  beforeAll(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vmdisk-emacs-'));
    const files = writeEditorFiles(dir);
    const resultPath = join(dir, 'result.json');
    const env = editorEnv(dir, { VMDISK_EMACS_FILES: files.join('\n'), VMDISK_EMACS_RESULT: resultPath });
    // -q, not -Q: the site start files must run, as for any user, since they are what puts
    // Debian's elpa-eglot on the load path. HOME is empty, so no user init file is read.
    emacs = spawn('emacs', ['--batch', '-q', '-l', SNIPPET, '-l', DRIVER], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    emacs.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    exitCode = await new Promise<number | null>((resolve) => emacs!.once('exit', resolve));
    result = JSON.parse(readFileSync(resultPath, 'utf8')) as EmacsResult;
  });

  afterAll(() => {
    if (emacs && emacs.exitCode === null) emacs.kill('SIGKILL');
    for (const b of result?.buffers ?? []) if (processAlive(b.pid)) process.kill(b.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs: eglot starts the server for every file and Flymake gets its diagnostics', () => {
    expect(result.error, stderr).toBeNull();
    expect(exitCode).toBe(0);
    expect(result.eglot).toMatch(/eglot/);
    expect(result.buffers.map((b) => [b.mode, b.languageId, b.server])).toEqual([
      ['nxml-mode', 'xml', `${SERVER_COMMAND} --stdio`],
      ['qemu-cmdline-mode', 'qemu-cmdline', `${SERVER_COMMAND} --stdio`],
      ['sh-mode', 'shellscript', `${SERVER_COMMAND} --stdio`],
    ]);
    // One entry per mode in the snippet: one server per mode and project.
    expect(result.servers).toBe(3);
  });

  EDITOR_FILES.forEach((file, i) => {
    it(`${file.name}: native-aio-needs-direct as a Flymake error on the AIO value, at the right character`, () => {
      const buffer = result.buffers[i];
      const sent = buffer.published.find((d) => d.code === 'native-aio-needs-direct')!;
      expect(sent.severity).toBe(1);
      expect(sent.range.start).toEqual({ line: file.line, character: file.character });
      // Emacs counts characters, LSP UTF-16 units: eglot converted the emoji before it correctly.
      expect(buffer.flymake.find((d) => d.code === 'native-aio-needs-direct')).toMatchObject({
        type: 'eglot-error',
        line: file.line + 1,
        column: charColumn(file),
        text: 'native',
      });
    });
  });

  it('passes eglot-workspace-configuration: migration "expected" makes migration-unsafe-cache a warning', () => {
    for (const buffer of result.buffers) {
      expect(buffer.published.find((d) => d.code === 'migration-unsafe-cache')?.severity).toBe(2);
      expect(buffer.flymake.find((d) => d.code === 'migration-unsafe-cache')).toMatchObject({ type: 'eglot-warning', text: 'writeback' });
    }
  });

  it('leaves no server running after Emacs exits', () => {
    expect(result.buffers.map((b) => processAlive(b.pid))).toEqual([false, false, false]);
  });
});
