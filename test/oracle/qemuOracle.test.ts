/** The oracle itself: what it reads from a real QEMU, and that it fails soft (a value, never a throw). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQemu, childOf, protocolNodeOf, type QemuAnswer } from '../support/qemuOracle';
import { requireTool } from '../support/tools';

function accepted(answer: QemuAnswer): Extract<QemuAnswer, { ok: true }> {
  if (!answer.ok) throw new Error(`QEMU refused: ${answer.error}`);
  return answer;
}

describe.skipIf(!(requireTool('qemu-system-x86_64') && requireTool('qemu-img')))('askQemu', () => {
  let dir = '';
  const image = (name: string) => path.join(dir, name);
  beforeAll(() => {
    const scratch = path.resolve(__dirname, '../.tmp');
    mkdirSync(scratch, { recursive: true });
    dir = mkdtempSync(path.join(scratch, 'oracle-self-'));
    for (const name of ['a.raw', 'b.raw', 'c.raw']) execFileSync('qemu-img', ['create', '-q', '-f', 'raw', image(name), '1M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', image('d.qcow2'), '1M']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the backend's and the nodes' flags of an accepted -drive", async () => {
    const answer = accepted(await askQemu([['-drive', `file=${image('a.raw')},format=raw,if=none,id=d0,cache=directsync,aio=native`]]));
    expect(answer.machine).toBe('none');
    expect(answer.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(answer.block).toHaveLength(1);
    expect(answer.block[0]).toMatchObject({ device: 'd0', drv: 'raw', cache: { writeback: false, direct: true, noFlush: false } });
    const file = protocolNodeOf(answer, answer.block[0].node);
    expect(file).toMatchObject({ drv: 'file', file: image('a.raw'), cache: { direct: true, noFlush: false } });
  });

  it("returns QEMU's refusal without the program name and the option", async () => {
    const drive = `file=${image('a.raw')},format=raw,if=none,id=d0,cache=writeback,aio=native`;
    const answer = await askQemu([['-drive', drive]]);
    expect(answer).toMatchObject({
      ok: false,
      option: `-drive ${drive}`,
      error: 'aio=native was specified, but it requires cache.direct=on, which was not specified.',
      exitCode: 1,
    });
  });

  it('starts machine pc for a -device and reports the guest-visible write cache', async () => {
    const answer = accepted(
      await askQemu([
        ['-drive', `file=${image('b.raw')},format=raw,if=none,id=d0,cache=writethrough`],
        ['-device', 'virtio-blk-pci,drive=d0,write-cache=on'],
      ]),
    );
    expect(answer.machine).toBe('pc');
    expect(answer.block[0].qdev).toMatch(/virtio-backend$/);
    expect(answer.block[0].cache.writeback).toBe(true);
  });

  it('follows the node graph: a -snapshot overlay writes to a temporary file above the image', async () => {
    const answer = accepted(await askQemu([['-drive', `file=${image('d.qcow2')},format=qcow2,if=none,id=d0,cache=none`], ['-snapshot']], { env: { ...process.env, TMPDIR: dir } }));
    const root = answer.block[0].node;
    expect(protocolNodeOf(answer, root)?.cache).toMatchObject({ direct: false, noFlush: true });
    const backing = childOf(answer, root, 'backing');
    expect(backing && protocolNodeOf(answer, backing)).toMatchObject({ file: image('d.qcow2'), cache: { direct: true } });
  });

  it('runs many QEMUs side by side', async () => {
    const drives = Array.from({ length: 12 }, (_, i) => [['-drive', `file=${image('c.raw')},format=raw,if=none,id=d${i},read-only=on,cache=none`]]);
    const answers = await Promise.all(drives.map((d) => askQemu(d)));
    expect(answers.map((a) => a.ok && a.block[0].cache.direct)).toEqual(Array(12).fill(true));
  });

  it('answers with a value when QEMU cannot start or does not answer in time', async () => {
    const missing = await askQemu([], { binary: path.join(tmpdir(), 'no-such-qemu') });
    expect(missing).toMatchObject({ ok: false, error: expect.stringMatching(/^cannot start .*ENOENT/) });
    const slow = await askQemu([], { timeoutMs: 1 });
    expect(slow).toMatchObject({ ok: false, error: expect.stringMatching(/^no answer within 1 ms/) });
  });
});
