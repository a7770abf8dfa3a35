/**
 * The virsh runner against real virsh: argument arrays (no shell), stdin closed, timeouts that
 * stop the child, and virsh's own messages.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { virshMessage, virshRunner } from '../../server/src/cli/fleet/virsh';
import { requireTool } from '../support/tools';
import { disk, makeTempDir, removeDir, uuid, writeNode } from './nodeFiles';
import { silentListener } from './silentListener';

const haveVirsh = requireTool('virsh');

describe.skipIf(!haveVirsh)('virshRunner with real virsh', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('virsh');
  });
  afterAll(() => removeDir(dir));

  it('passes a hostile domain name as one argument: nothing runs, virsh names it unchanged', async () => {
    const uri = writeNode(dir, 'plain.xml', [{ name: 'plain', uuid: uuid(1), running: false, disks: disk('vda', "type='raw' cache='none'", '/i/p.raw') }]);
    const canary = path.join(dir, 'pwned');
    const hostile = `x'; touch ${canary}; echo "$(touch ${canary})" \`touch ${canary}\``;
    const r = await virshRunner('virsh', uri, 10_000)(['dumpxml', '--inactive', '--domain', hostile]);
    expect(r).toEqual({ ok: false, message: `failed to get domain '${hostile}'` });
    expect(existsSync(canary)).toBe(false);
  });

  it('a URI that begins with "-" is a URI, not an option', async () => {
    const r = await virshRunner('virsh', '--help', 10_000)(['list', '--uuid']);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/--help/);
  });

  it('reads a listing', async () => {
    const uri = writeNode(dir, 'two.xml', [
      { name: 'a', uuid: uuid(1), running: true, disks: '' },
      { name: 'b', uuid: uuid(2), running: false, disks: '' },
    ]);
    const run = virshRunner('virsh', uri, 10_000);
    const all = await run(['list', '--all', '--uuid']);
    const active = await run(['list', '--uuid']);
    expect(all.ok && all.stdout.split('\n').filter(Boolean).sort()).toEqual([uuid(1), uuid(2)]);
    expect(active.ok && active.stdout.split('\n').filter(Boolean)).toEqual([uuid(1)]);
  });

  it('a host that asks for credentials fails at once (stdin is closed), with libvirt\'s reason', async () => {
    const file = path.join(dir, 'auth.xml');
    const uri = writeNode(dir, 'auth.xml', [{ name: 'a', uuid: uuid(1), running: true, disks: '' }]);
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('<node>', "<node>\n  <auth><user password='s3cret'>admin</user></auth>"));
    const r = await virshRunner('virsh', uri, 10_000)(['list', '--uuid']);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(/^failed to connect to the hypervisor: authentication failed/);
  });

  it('stops a virsh that does not answer within the time limit', async () => {
    const { server, port, closed } = await silentListener();
    try {
      const started = Date.now();
      const r = await virshRunner('virsh', `test+tcp://127.0.0.1:${port}/default`, 400)(['list', '--uuid']);
      expect(r).toEqual({ ok: false, message: 'no answer from virsh within 0.4 s (stopped it)' });
      expect(Date.now() - started).toBeLessThan(5000);
      // virsh is gone: its connection to the listener is closed.
      await closed;
    } finally {
      server.close();
    }
  });

  it('says how to get virsh when it is not there', async () => {
    const r = await virshRunner(path.join(dir, 'no-such-virsh'), 'test:///default', 10_000)(['list', '--uuid']);
    expect(r).toEqual({ ok: false, message: `cannot run '${path.join(dir, 'no-such-virsh')}': not found (install libvirt-clients, or pass --virsh PATH)` });
  });
});

describe('virshMessage', () => {
  it('joins virsh\'s error lines, drops libxml noise', () => {
    expect(virshMessage("I/O warning : failed to load external entity \"/x.xml\"\nerror: failed to connect to the hypervisor\nerror: XML error: failed to parse xml document '/x.xml'\n"))
      .toBe("failed to connect to the hypervisor: XML error: failed to parse xml document '/x.xml'");
    expect(virshMessage('Segmentation fault\r\n')).toBe('Segmentation fault');
    expect(virshMessage("error: failed to get domain 'nl\nname'\n")).toBe("failed to get domain 'nl\nname'");
    expect(virshMessage('')).toBe('');
    expect(virshMessage("error: failed to get domain 'x'\n\n")).toBe("failed to get domain 'x'");
  });
});
