/**
 * The Neovim snippets of docs/editors.md. The 0.7+ one (init-snippet.lua) runs verbatim as the
 * user's init.lua in headless Neovim 0.7.2, which then opens a domain XML, a QEMU `.args` file and a
 * launch script; snippet-check.lua reports what vim.diagnostic got as JSON. The 0.8+ and 0.11+
 * snippets need a newer Neovim than Debian's: they are only checked to be valid Lua.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt } from '../server/client';
import { editorsDocBlocks } from '../support/docSnippets';
import { byteColumn, EDITOR_FILES, writeEditorFiles } from '../support/editorFiles';
import { editorEnv, processAlive, SERVER_COMMAND } from '../support/editorEnv';
import { requireTool } from '../support/tools';

const TESTED = join(__dirname, 'init-snippet.lua');
const UNTESTED = [join(__dirname, 'lsp-start-snippet.lua'), join(__dirname, 'lsp-enable-snippet.lua')];
const CHECK = join(__dirname, 'snippet-check.lua');

interface NvimBuffer {
  file: string;
  filetype: string;
  clients: number[];
  diagnostics: { code: string; lnum: number; col: number; severity: number }[];
}

interface NvimResult {
  ok: boolean;
  error: string | null;
  buffers: NvimBuffer[];
  clients: { id: number; cmd: string[]; root_dir: string; pid: number }[];
}

describe('the Neovim snippets of docs/editors.md', () => {
  it.each([TESTED, ...UNTESTED])('%s is in the doc verbatim', (file) => {
    expect(editorsDocBlocks('lua')).toContain(readFileSync(file, 'utf8'));
  });
});

describe.skipIf(!requireTool('nvim'))('Neovim 0.7 with the init.lua snippet of docs/editors.md', () => {
  let dir: string;
  let nvim: ChildProcess | undefined;
  let result: NvimResult;
  let exitCode: number | null;
  let stderr = '';

  beforeAll(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vmdisk-nvim-snippet-'));
    const files = writeEditorFiles(dir);
    const resultPath = join(dir, 'result.json');
    const env = editorEnv(dir, { VMDISK_NVIM_FILES: files.join('\n'), VMDISK_NVIM_RESULT: resultPath });
    const args = ['--headless', '--clean', '-u', TESTED, '-n', '-i', 'NONE', '-c', `luafile ${CHECK}`];
    nvim = spawn('nvim', args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    nvim.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    exitCode = await new Promise<number | null>((resolve) => nvim!.once('exit', resolve));
    result = JSON.parse(readFileSync(resultPath, 'utf8')) as NvimResult;
  });

  afterAll(() => {
    if (nvim && nvim.exitCode === null) nvim.kill('SIGKILL');
    for (const c of result?.clients ?? []) if (processAlive(c.pid)) process.kill(c.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs: one server, started as vmdisk-language-server, serves every file', () => {
    expect(result.error, stderr).toBeNull();
    expect(exitCode).toBe(0);
    expect(result.clients).toHaveLength(1);
    expect(result.clients[0].cmd).toEqual([SERVER_COMMAND, '--stdio']);
    expect(result.clients[0].root_dir).toBe(dir);
    expect(result.buffers.map((b) => [b.filetype, b.clients])).toEqual([
      ['xml', [result.clients[0].id]],
      ['qemu-cmdline', [result.clients[0].id]],
      ['sh', [result.clients[0].id]],
    ]);
  });

  EDITOR_FILES.forEach((file, i) => {
    it(`${file.name}: native-aio-needs-direct as an error on the AIO value (Neovim: line from 0, column in bytes)`, () => {
      expect(result.buffers[i].diagnostics.find((d) => d.code === 'native-aio-needs-direct')).toEqual({
        code: 'native-aio-needs-direct',
        lnum: file.line,
        col: byteColumn(file),
        severity: 1,
      });
    });
  });

  it('passes the settings: migration "expected" makes migration-unsafe-cache a warning', () => {
    for (const buffer of result.buffers) expect(buffer.diagnostics.find((d) => d.code === 'migration-unsafe-cache')?.severity).toBe(2);
  });

  it('leaves no server running after Neovim exits', () => {
    expect(processAlive(result.clients[0].pid)).toBe(false);
  });
});

describe.skipIf(!requireTool('nvim'))('the Neovim 0.8+ and 0.11+ snippets', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'vmdisk-nvim-lua-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(UNTESTED)('%s is valid Lua (compiled by Neovim, not run)', (file) => {
    const code = `lua local f, e = loadfile(${JSON.stringify(file)}); if not f then io.stderr:write(e); vim.cmd('cquit 1') end; vim.cmd('qa!')`;
    const run = () => execFileSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', code], { env: editorEnv(dir, {}), stdio: 'pipe', timeout: 20_000 });
    expect(run).not.toThrow();
  });
});
