/**
 * A real editor as the client: headless Neovim runs test/nvim/client.lua against dist/server.js,
 * with its own HOME and XDG directories. The Lua script writes what happened as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorEnv } from '../support/editorEnv';
import { requireTool } from '../support/tools';
import { assertServerBuilt, SERVER } from '../server/client';

const DOMAIN = `<domain type='kvm'>
  <name>nvim-test</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='writeback' io='native'/>
      <source file='/var/lib/libvirt/images/ünïcode-😀.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

interface NvimResult {
  ok: boolean;
  error: string | null;
  steps: string[];
  before: { code: string; severity: number; range: { start: { line: number; character: number } } }[];
  nvimDiagnostics: { code: string; lnum: number; col: number; severity: number }[];
  hover: string;
  actions: string[];
  applied: string;
  version: number;
  after: { code: string; severity: number }[];
  errorsAfter: number;
  text: string[];
  brokenErrors: number;
  fixAllChoices: string[];
  fixAllListedWithoutEdit: boolean;
  fixAllErrors: number;
  fixAllLine: string;
}

const haveNvim = requireTool('nvim');

describe.skipIf(!haveNvim)('Neovim as the LSP client', () => {
  let dir: string;
  let nvim: ChildProcess | undefined;
  let result: NvimResult;
  let exitCode: number | null;
  let stderr = '';

  beforeAll(async () => {
    assertServerBuilt();
    dir = mkdtempSync(join(tmpdir(), 'vmdisk-nvim-'));
    const file = join(dir, 'vm.xml');
    writeFileSync(file, DOMAIN);
    const resultPath = join(dir, 'result.json');
    const env = editorEnv(dir, { VMDISK_SERVER: SERVER, VMDISK_NVIM_RESULT: resultPath });
    const script = join(__dirname, 'client.lua');
    nvim = spawn('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${script}`, file], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    nvim.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    exitCode = await new Promise<number | null>((resolve) => nvim!.once('exit', resolve));
    result = JSON.parse(readFileSync(resultPath, 'utf8')) as NvimResult;
  });

  afterAll(() => {
    if (nvim && nvim.exitCode === null) nvim.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the whole session', () => {
    expect(result.error, stderr).toBeNull();
    expect(result.steps).toEqual(['started', 'diagnostics', 'hover', 'applied', 'rechecked', 'fixed all']);
    expect(exitCode).toBe(0);
  });

  it('receives native-aio-needs-direct as an error on the io value (Neovim counts lines from 0)', () => {
    const native = result.before.find((d) => d.code === 'native-aio-needs-direct')!;
    expect(native.severity).toBe(1);
    expect(native.range.start).toEqual({ line: 4, character: DOMAIN.split('\n')[4].indexOf("io='native'") + 4 });
    expect(result.nvimDiagnostics.find((d) => d.code === 'native-aio-needs-direct')).toMatchObject({ lnum: 4, severity: 1 });
  });

  it('gets the hover Markdown', () => {
    expect(result.hover.split('\n')[0]).toBe('**vda**: cache=writeback · host page cache · guest write cache · guest flushes honoured · aio=native · blocks migration');
    expect(result.hover).toContain('**All AIO modes**');
  });

  it('applies the preferred quick fix and ends with no error-severity diagnostic', () => {
    expect(result.applied).toBe('Use cache=none');
    expect(result.actions).toContain('Disable native-aio-needs-direct for this line');
    expect(result.text[4]).toBe("      <driver name='qemu' type='qcow2' cache='none' io='native'/>");
    expect(result.version).toBeGreaterThan(0);
    expect(result.after.filter((d) => d.severity === 1)).toEqual([]);
    expect(result.errorsAfter).toBe(0);
  });

  it('fixes all from vim.lsp.buf.code_action(), which resolves the edit the list leaves out', () => {
    expect(result.brokenErrors).toBe(2);
    expect(result.fixAllChoices).toContain('Fix all vmdisk problems');
    expect(result.fixAllListedWithoutEdit).toBe(true);
    expect(result.fixAllErrors).toBe(0);
    expect(result.fixAllLine).toBe("      <driver name='qemu' type='qcow2' cache='none' io='native'/>");
  });
});
