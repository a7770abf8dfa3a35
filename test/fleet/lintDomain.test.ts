/**
 * Inactive and live definitions of a running domain: the live one is reported (`?live`) only
 * when what vmdisk says about it differs. The XML comes from real virsh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDomain } from '../../server/src/cli/fleet/lintDomain';
import { requireTool } from '../support/tools';
import { disk, makeTempDir, removeDir, uuid, virsh, writeNode } from './nodeFiles';

const haveVirsh = requireTool('virsh');

async function dumpxml(uri: string, name: string, inactive: boolean): Promise<string> {
  const r = await virsh(['-c', uri, 'dumpxml', ...(inactive ? ['--inactive'] : []), name]);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe.skipIf(!haveVirsh)('lintDomain', () => {
  let dir: string;
  let booted: string;
  let changed: string;
  beforeAll(() => {
    dir = makeTempDir('live');
    // The same domain as it was booted, and as it has since been redefined.
    booted = writeNode(dir, 'booted.xml', [{ name: 'db', uuid: uuid(9), running: true, disks: disk('vda', "type='raw' cache='none' io='native'", '/i/db.raw') }]);
    changed = writeNode(dir, 'changed.xml', [{ name: 'db', uuid: uuid(9), running: true, disks: disk('vda', "type='raw' cache='writeback' io='native'", '/i/db.raw') }]);
  });
  afterAll(() => removeDir(dir));

  it('a live definition that differs only in text (the id libvirt adds) is not reported twice', async () => {
    const inactive = await dumpxml(booted, 'db', true);
    const live = await dumpxml(booted, 'db', false);
    expect(live).not.toBe(inactive);
    const files = lintDomain('qemu:///system', { name: 'db', running: true, inactive, live }, {});
    expect(files.map((f) => f.path)).toEqual(['libvirt://qemu:///system/db']);
  });

  it('a live definition with other settings is reported as well, at ?live', async () => {
    const inactive = await dumpxml(changed, 'db', true);
    const live = await dumpxml(booted, 'db', false);
    const files = lintDomain('qemu:///system', { name: 'db', running: true, inactive, live }, {});
    expect(files.map((f) => f.path)).toEqual(['libvirt://qemu:///system/db', 'libvirt://qemu:///system/db?live']);
    expect(files[0].analysis.findings.map((f) => f.code)).toContain('native-aio-needs-direct');
    expect(files[1].analysis.findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
    expect(files[1].analysis.text).toBe(live);
  });

  it('settings change the verdict the same way for both', async () => {
    const inactive = await dumpxml(changed, 'db', true);
    const live = await dumpxml(changed, 'db', false);
    const files = lintDomain('test:///x.xml', { name: 'db', running: true, inactive, live }, { rules: { 'native-aio-needs-direct': 'off' } });
    expect(files).toHaveLength(1);
    expect(files[0].analysis.findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
  });
});
