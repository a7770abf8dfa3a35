import { describe, expect, it } from 'vitest';
import { analyzeText, type LanguageId } from '../../shared/src/analyze';
import type { Finding } from '../../shared/src/rules/types';
import type { Settings } from '../../shared/src/settings';
import { describeFlags } from '../../shared/src/hover/describeFlags';
import { applyEdits } from '../support/edits';

const domain = (driver: string, extra = '', source = "<source file='/var/lib/libvirt/images/a.img'/>") => `<domain type='kvm'>
  <name>t</name>
  <devices>
    <disk type='file' device='disk'>
      ${driver}
      ${source}
      <target dev='vda' bus='virtio'/>${extra}
    </disk>
  </devices>
</domain>
`;

function run(text: string, languageId: LanguageId = 'xml', settings: Partial<Settings> = {}) {
  return analyzeText(text, { languageId, settings });
}

function only(findings: Finding[], code: string): Finding {
  const f = findings.filter((x) => x.code === code);
  expect(f, `findings: ${JSON.stringify(findings.map((x) => x.code))}`).toHaveLength(1);
  return f[0];
}

/** Applying the fix removes the finding and adds no error-severity finding. */
function expectFixWorks(text: string, finding: Finding, languageId: LanguageId, fixIndex = 0, settings: Partial<Settings> = {}) {
  const fix = finding.fixes[fixIndex];
  expect(fix, 'a fix').toBeDefined();
  const fixed = applyEdits(text, fix.edits);
  const after = run(fixed, languageId, settings);
  expect(after.findings.filter((f) => f.code === finding.code && f.severity === finding.severity)).toHaveLength(0);
  expect(after.findings.filter((f) => f.severity === 'error'), fixed).toHaveLength(0);
  return fixed;
}

describe('native-aio-needs-direct', () => {
  it('reports io=native with writeback in XML at the io value, with libvirt\'s message', () => {
    const text = domain("<driver name='qemu' type='raw' cache='writeback' io='native'/>");
    const a = run(text);
    const f = only(a.findings, 'native-aio-needs-direct');
    expect(f.severity).toBe('error');
    expect(text.slice(f.span.start, f.span.end)).toBe('native');
    expect(f.message).toContain("io='native' needs either no disk cache or directsync cache mode");
    expect(f.fixes[0].preferred).toBe(true);
    const fixed = expectFixWorks(text, f, 'xml');
    expect(fixed).toContain("cache='none' io='native'");
  });

  it('counts a missing cache attribute as not O_DIRECT and inserts cache', () => {
    const text = domain("<driver name='qemu' type='raw' io='native'/>");
    const f = only(run(text).findings, 'native-aio-needs-direct');
    expect(expectFixWorks(text, f, 'xml')).toContain("io='native' cache='none'");
  });

  it('suggests directsync where the user asked for writethrough', () => {
    const text = domain("<driver name='qemu' type='raw' cache='writethrough' io='native'/>");
    const f = only(run(text).findings, 'native-aio-needs-direct');
    expect(f.fixes[0].title).toBe('Use cache=directsync');
    expect(expectFixWorks(text, f, 'xml')).toContain("cache='directsync'");
  });

  it('offers threads and io_uring as the other fixes', () => {
    const text = domain("<driver name='qemu' type='raw' cache='writeback' io='native'/>");
    const f = only(run(text).findings, 'native-aio-needs-direct');
    expect(f.fixes.map((x) => x.title)).toEqual(['Use cache=none', 'Use io=threads', 'Use io=io_uring']);
    expect(expectFixWorks(text, f, 'xml', 1)).toContain("io='threads'");
    expect(expectFixWorks(text, f, 'xml', 2)).toContain("io='io_uring'");
  });

  it('is silent for cache none and directsync', () => {
    for (const c of ['none', 'directsync']) {
      expect(run(domain(`<driver name='qemu' type='raw' cache='${c}' io='native'/>`)).findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
    }
  });

  it('fixes -drive cache=writethrough,aio=native to directsync', () => {
    const text = 'qemu-system-x86_64 -drive file=/img/a.raw,format=raw,if=virtio,cache=writethrough,aio=native\n';
    const f = only(run(text, 'qemu-cmdline').findings, 'native-aio-needs-direct');
    expect(text.slice(f.span.start, f.span.end)).toBe('native');
    expect(f.message).toContain('aio=native was specified, but it requires cache.direct=on');
    expect(expectFixWorks(text, f, 'qemu-cmdline')).toContain('cache=directsync,aio=native');
  });

  it('sees that an explicit cache.direct=off beats cache=none, and fixes that option', () => {
    const text = 'qemu-system-x86_64 -drive file=/img/a.raw,format=raw,if=virtio,cache=none,cache.direct=off,aio=native\n';
    const f = only(run(text, 'qemu-cmdline').findings, 'native-aio-needs-direct');
    expect(expectFixWorks(text, f, 'qemu-cmdline')).toContain('cache=none,cache.direct=on,aio=native');
  });

  it('accepts file.cache.direct=on on the protocol node', () => {
    const text = 'qemu-system-x86_64 -drive file=/img/a.raw,format=raw,if=virtio,file.cache.direct=on,aio=native\n';
    expect(run(text, 'qemu-cmdline').findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('keeps JSON valid when fixing a -blockdev', () => {
    const text = `qemu-system-x86_64 -blockdev '{"driver":"raw","node-name":"d0","file":{"driver":"file","filename":"/img/a.raw","aio":"native"}}' -device virtio-blk-pci,drive=d0\n`;
    const f = only(run(text, 'qemu-cmdline').findings, 'native-aio-needs-direct');
    const fixed = expectFixWorks(text, f, 'qemu-cmdline');
    const json = /'(\{.*\})'/.exec(fixed)![1];
    expect(() => JSON.parse(json)).not.toThrow();
    expect(JSON.parse(json).cache).toEqual({ direct: true });
  });

  it('only warns (fallback to threads) when the target QEMU is older than 2.6', () => {
    const text = 'qemu-system-x86_64 -drive file=/img/a.raw,format=raw,if=virtio,aio=native\n';
    const f = only(run(text, 'qemu-cmdline', { qemuVersion: '2.5' }).findings, 'native-aio-needs-direct');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('falls back to aio=threads');
  });
});

describe('unsafe-cache-in-production', () => {
  const text = domain("<driver name='qemu' type='qcow2' cache='unsafe'/>");
  it('reports cache=unsafe in production, at the cache value', () => {
    const f = only(run(text).findings, 'unsafe-cache-in-production');
    expect(text.slice(f.span.start, f.span.end)).toBe('unsafe');
    expect(expectFixWorks(text, f, 'xml')).toContain("cache='writeback'");
  });
  it('is silent in development', () => {
    expect(run(text, 'xml', { environment: 'development' }).findings.map((f) => f.code)).not.toContain('unsafe-cache-in-production');
  });
  it('prefers cache=none where the disk uses aio=native, which writeback would break', () => {
    for (const [t, languageId] of [
      [domain("<driver name='qemu' type='qcow2' cache='unsafe' io='native'/>"), 'xml'],
      ['qemu-system-x86_64 -drive file=/img/a.qcow2,format=qcow2,if=virtio,cache=unsafe,aio=native\n', 'qemu-cmdline'],
    ] as const) {
      const f = only(run(t, languageId).findings, 'unsafe-cache-in-production');
      expect(f.fixes.find((x) => x.preferred)?.title).toMatch(/none/);
      const fixed = applyEdits(t, f.fixes.find((x) => x.preferred)!.edits);
      expect(run(fixed, languageId).findings.filter((x) => x.severity === 'error')).toEqual([]);
    }
  });
  it('turns cache.no-flush=on off on a -blockdev', () => {
    const cmd = 'qemu-system-x86_64 -blockdev driver=file,filename=/img/a.qcow2,node-name=f0,cache.no-flush=on -blockdev driver=qcow2,file=f0,node-name=q0 -device virtio-blk-pci,drive=q0\n';
    const f = only(run(cmd, 'qemu-cmdline').findings, 'unsafe-cache-in-production');
    expect(expectFixWorks(cmd, f, 'qemu-cmdline')).toContain('cache.no-flush=off');
  });
  it('ignores -snapshot disks, whose writes are discarded', () => {
    const cmd = 'qemu-system-x86_64 -drive file=/img/a.qcow2,format=qcow2,if=virtio -snapshot\n';
    expect(run(cmd, 'qemu-cmdline').findings.map((f) => f.code)).not.toContain('unsafe-cache-in-production');
  });
});

describe('migration-unsafe-cache', () => {
  const text = domain("<driver name='qemu' type='qcow2' cache='writeback'/>");
  it('is information when migration is unknown, warning when expected, absent when never', () => {
    expect(only(run(text).findings, 'migration-unsafe-cache').severity).toBe('information');
    expect(only(run(text, 'xml', { migration: 'expected' }).findings, 'migration-unsafe-cache').severity).toBe('warning');
    expect(run(text, 'xml', { migration: 'never' }).findings.map((f) => f.code)).not.toContain('migration-unsafe-cache');
  });
  it('points at the disk when no cache attribute is set, and the fix adds one', () => {
    const t = domain("<driver name='qemu' type='qcow2'/>");
    const f = only(run(t, 'xml', { migration: 'expected' }).findings, 'migration-unsafe-cache');
    expect(f.message).toContain('No cache mode');
    expect(expectFixWorks(t, f, 'xml', 0, { migration: 'expected' })).toContain("<driver name='qemu' type='qcow2' cache='none'/>");
  });
  it('inserts a <driver> element when the disk has none', () => {
    const t = domain('');
    const f = only(run(t, 'xml', { migration: 'expected' }).findings, 'migration-unsafe-cache');
    expect(expectFixWorks(t, f, 'xml', 0, { migration: 'expected' })).toMatch(/<disk type='file' device='disk'>\n {6}<driver name='qemu' cache='none'\/>/);
  });
  it("honours libvirt's exceptions: read-only, shareable, network", () => {
    for (const t of [
      domain("<driver name='qemu' type='raw' cache='writeback'/>", '\n      <readonly/>'),
      domain("<driver name='qemu' type='raw' cache='writeback'/>", '\n      <shareable/>'),
    ]) expect(run(t, 'xml', { migration: 'expected' }).findings.map((f) => f.code)).not.toContain('migration-unsafe-cache');
    const net = domain("<driver name='qemu' type='raw' cache='writeback'/>", '', "<source protocol='rbd' name='pool/img'/>").replace("type='file'", "type='network'");
    expect(run(net, 'xml', { migration: 'expected' }).findings.map((f) => f.code)).not.toContain('migration-unsafe-cache');
  });
  it('is lifted by a cluster file system found by the probe', () => {
    const a = analyzeText(text, { languageId: 'xml', settings: { migration: 'expected' }, storage: () => ({ directIO: true, filesystem: 'gfs2', shared: true, cluster: true }) });
    expect(a.findings.map((f) => f.code)).not.toContain('migration-unsafe-cache');
  });
});

describe('other rules', () => {
  it('migration-unsupported-format reports vmdk at the type value', () => {
    const t = domain("<driver name='qemu' type='vmdk' cache='none'/>");
    const f = only(run(t, 'xml', { migration: 'expected' }).findings, 'migration-unsupported-format');
    expect(t.slice(f.span.start, f.span.end)).toBe('vmdk');
  });
  it('invalid-value suggests the closest value and lists the valid ones', () => {
    const t = domain("<driver name='qemu' type='raw' cache='writeback2'/>");
    const f = only(run(t).findings, 'invalid-value');
    expect(f.message).toContain('none, writethrough, writeback');
    expect(t.slice(f.span.start, f.span.end)).toBe('writeback2');
    expect(expectFixWorks(t, f, 'xml')).toContain("cache='writeback'");
  });
  it('invalid-value: JSON booleans must be booleans', () => {
    const cmd = `qemu-system-x86_64 -blockdev '{"driver":"file","filename":"/img/a.raw","node-name":"f","cache":{"direct":"on"}}' -device virtio-blk-pci,drive=f\n`;
    const f = only(run(cmd, 'qemu-cmdline').findings, 'invalid-value');
    expect(cmd.slice(f.span.start, f.span.end)).toBe('"on"');
    expect(expectFixWorks(cmd, f, 'qemu-cmdline')).toContain('"cache":{"direct":true}');
  });
  it('shareable-unsupported-format: qcow2 + shareable', () => {
    const t = domain("<driver name='qemu' type='qcow2' cache='none'/>", '\n      <shareable/>');
    const f = only(run(t).findings, 'shareable-unsupported-format');
    expect(f.message).toContain("shared access for disk 'vda' requires use of supported storage format");
    const removed = applyEdits(t, f.fixes[1].edits);
    expect(removed).not.toContain('shareable');
    expect(removed).toContain("<target dev='vda' bus='virtio'/>\n    </disk>");
  });
  it('detect-zeroes-unmap-needs-discard: error for QEMU, warning for libvirt, fix adds discard', () => {
    const cmd = 'qemu-system-x86_64 -drive file=/img/a.raw,format=raw,if=virtio,cache=none,detect-zeroes=unmap\n';
    const f = only(run(cmd, 'qemu-cmdline').findings, 'detect-zeroes-unmap-needs-discard');
    expect(f.severity).toBe('error');
    expect(expectFixWorks(cmd, f, 'qemu-cmdline')).toContain('detect-zeroes=unmap,discard=unmap');
    const t = domain("<driver name='qemu' type='raw' cache='none' detect_zeroes='unmap'/>");
    const g = only(run(t).findings, 'detect-zeroes-unmap-needs-discard');
    expect(g.severity).toBe('warning');
    expect(applyEdits(t, g.fixes[0].edits)).toContain("detect_zeroes='unmap' discard='unmap'");
  });
  it('copy-on-read-readonly', () => {
    const t = domain("<driver name='qemu' type='raw' cache='none' copy_on_read='on'/>", '\n      <readonly/>');
    const f = only(run(t).findings, 'copy-on-read-readonly');
    expect(expectFixWorks(t, f, 'xml')).toContain("<driver name='qemu' type='raw' cache='none'/>");
  });
  it('io-uring-needs-newer-version follows the target versions', () => {
    const t = domain("<driver name='qemu' type='raw' cache='none' io='io_uring'/>");
    expect(run(t).findings.map((f) => f.code)).not.toContain('io-uring-needs-newer-version');
    const f = only(run(t, 'xml', { libvirtVersion: '6.0.0' }).findings, 'io-uring-needs-newer-version');
    expect(f.message).toContain('libvirt 6.0.0 (needs 6.3.0)');
    expect(applyEdits(t, f.fixes[0].edits)).toContain("io='native'");
  });
  it('direct-io-unsupported needs probe facts', () => {
    const t = domain("<driver name='qemu' type='raw' cache='none'/>");
    expect(run(t).findings.map((f) => f.code)).not.toContain('direct-io-unsupported');
    const a = analyzeText(t, { languageId: 'xml', storage: () => ({ directIO: false, filesystem: 'ramfs', shared: false, cluster: false }) });
    const f = only(a.findings, 'direct-io-unsupported');
    expect(f.message).toContain('ramfs');
    expect(applyEdits(t, f.fixes[0].edits)).toContain("cache='writeback'");
  });
});

describe('block drivers and a -blockdev top node (QEMU 7.2 refuses all of these)', () => {
  const cmd = (blockdev: string) => `qemu-system-x86_64 -blockdev '${blockdev}' -device virtio-blk-pci,drive=d0\n`;
  const errors = (text: string) => run(text, 'qemu-cmdline').findings.filter((f) => f.severity === 'error');

  it('an unknown driver is an invalid-value error at the name, in QEMU\'s words, with the closest name as fix', () => {
    const text = cmd('driver=raw,node-name=d0,file.driver=fil,file.filename=/img/a.raw');
    const f = only(errors(text), 'invalid-value');
    expect(text.slice(f.span.start, f.span.end)).toBe('fil');
    expect(f.message).toContain("(\"Parameter 'driver' does not accept value 'fil'\")");
    expect(f.message).toContain("Did you mean 'file'?");
    // 49 names are not spelt out in a message.
    expect(f.message).not.toContain('vvfat');
    expect(expectFixWorks(text, f, 'qemu-cmdline')).toContain('file.driver=file,');
  });

  it('the implied key of -blockdev is driver; JSON children are checked too', () => {
    const implied = cmd('flie,filename=/img/a.raw,node-name=d0');
    const f = only(errors(implied), 'invalid-value');
    expect(implied.slice(f.span.start, f.span.end)).toBe('flie');
    expect(f.fixes[0].title).toBe("Change to 'file'");
    const json = cmd('{"driver":"raw","node-name":"d0","file":{"driver":"Raw","filename":"/img/a.raw"}}');
    const g = only(errors(json), 'invalid-value');
    expect(json.slice(g.span.start, g.span.end)).toBe('"Raw"');
  });

  it('-drive says "Unknown driver" for format= and file.driver=, and leaves encrypt.format and the device type alone', () => {
    const text = 'qemu-system-x86_64 -drive file=/img/a.qcow2,format=QCOW2,if=none,id=d0,encrypt.format=aes -device virtio-blk-pci,drive=d0\n';
    const f = only(errors(text), 'invalid-value');
    expect(text.slice(f.span.start, f.span.end)).toBe('QCOW2');
    expect(f.message).toContain("(\"Unknown driver 'QCOW2'\")");
    expect(errors(text.replace('QCOW2', 'qcow2'))).toEqual([]);
  });

  it('no suggestion for a name nothing is close to: no more than one edit per three letters', () => {
    const f = only(errors(cmd('driver=foo,filename=/img/a.raw,node-name=d0')), 'invalid-value');
    expect(f.fixes).toEqual([]);
    expect(f.message).toContain("The rule's page lists the 49 valid values.");
  });

  it('a -blockdev without driver or node-name is an error at the option, not hidden by the note about its cache mode there', () => {
    const text = 'qemu-system-x86_64 -blockdev filename=/img/a.raw\n';
    const found = run(text, 'qemu-cmdline').findings;
    const messages = found.filter((f) => f.code === 'syntax-error').map((f) => [text.slice(f.span.start, f.span.end), f.message]);
    expect(messages).toEqual([
      ['-blockdev', 'this -blockdev has no driver: QEMU refuses to start ("Parameter \'driver\' is missing")'],
      ['-blockdev', 'this -blockdev has no node-name: QEMU refuses to start ("\'node-name\' must be specified for the root node")'],
    ]);
    expect(found.find((f) => f.code === 'migration-unsafe-cache')?.span).toEqual(found[0].span);
    expect(errors(cmd('{"driver":"file","filename":"/img/a.raw","node-name":"d0"}'))).toEqual([]);
  });
});

describe('-global write-cache defaults (each case also in the QEMU oracle table)', () => {
  const cmd = (device: string, global: string) =>
    `qemu-system-x86_64 -drive file=/img/a.raw,format=raw,if=none,id=d0,cache=writethrough,aio=native -device ${device} -global ${global}\n`;

  it("decide the guest's write cache when the device sets none; the device's own beats them", () => {
    expect(run(cmd('virtio-blk-pci,drive=d0', 'virtio-blk-pci.write-cache=on'), 'qemu-cmdline').disks[0].effective.mode).toBe('writeback');
    expect(run(cmd('virtio-blk-pci,drive=d0,write-cache=auto', 'virtio-blk-pci.write-cache=on'), 'qemu-cmdline').disks[0].effective.mode).toBe('writethrough');
    // A sibling type's global does not reach the device.
    expect(run(cmd('virtio-blk-pci-transitional,drive=d0', 'virtio-blk-pci.write-cache=on'), 'qemu-cmdline').disks[0].effective.mode).toBe('writethrough');
  });

  it('a fix that needs another write cache overrides the global on this device, leaving the global to the others', () => {
    const text = cmd('virtio-blk-pci,drive=d0', 'virtio-blk-pci.write-cache=on');
    const f = only(run(text, 'qemu-cmdline', { migration: 'expected' }).findings, 'migration-unsafe-cache');
    const directsync = f.fixes.find((x) => x.title === 'Use cache=directsync')!;
    const fixed = applyEdits(text, directsync.edits);
    expect(fixed).toContain('-device virtio-blk-pci,drive=d0,write-cache=off -global virtio-blk-pci.write-cache=on');
    expect(run(fixed, 'qemu-cmdline').disks[0].effective.mode).toBe('directsync');
  });

  it('a value QEMU cannot give the device is an invalid-value error at the global', () => {
    const text = cmd('virtio-blk-pci,drive=d0', 'driver=virtio-blk-pci,property=write-cache,value=of').replace(',aio=native', '');
    const f = only(run(text, 'qemu-cmdline').findings, 'invalid-value');
    expect(text.slice(f.span.start, f.span.end)).toBe('of');
    expect(expectFixWorks(text, f, 'qemu-cmdline')).toContain('value=off');
  });
});

describe('values a shell expansion decides (launch scripts)', () => {
  const script = (drive: string) => `qemu-system-x86_64 -drive ${drive} -device virtio-blk-pci,drive=d0\n`;
  const codes = (text: string) => run(text, 'shellscript').findings.map((f) => f.code);

  it('are not judged: aio=$AIO, cache=${CACHE:-none} and "$(…)" are whatever the shell makes them', () => {
    expect(codes(script('file=/i/a.raw,format=raw,if=none,id=d0,aio=$AIO,cache=${CACHE:-none}'))).toEqual([]);
    expect(codes(script('"file=/i/a.raw,format=raw,if=none,id=d0,aio=native,cache=$(mode)"'))).toEqual([]);
    // In single quotes a $ is a $, and QEMU gets it.
    expect(codes(script("file=/i/a.raw,format=raw,if=none,id=d0,aio='$AIO'"))).toContain('invalid-value');
  });

  it('the disk says what the shell decides, and what its flags are without it', () => {
    const a = run(script('file=/i/a.raw,format=raw,if=none,id=d0,cache=$CACHE'), 'shellscript');
    expect(a.disks[0].effective.shellDecided?.value).toBe('$CACHE');
    expect(describeFlags(a.disks[0].effective, a.disks[0].disk)).toBe(
      'cache=$CACHE is decided by the shell; without it: cache=writeback · host page cache · guest write cache · guest flushes honoured · aio=threads',
    );
  });

  it('other settings of the option are still judged, and fixed', () => {
    const text = script('file=/i/a.raw,format=raw,if=none,id=d0,aio=natve,cache=$CACHE');
    const f = only(run(text, 'shellscript').findings, 'invalid-value');
    expect(expectFixWorks(text, f, 'shellscript')).toContain('aio=native,cache=$CACHE');
  });
});

describe('settings and suppressions', () => {
  const text = domain("<driver name='qemu' type='qcow2' cache='unsafe'/>");
  it('per-rule severity overrides and off', () => {
    expect(only(run(text, 'xml', { rules: { 'unsafe-cache-in-production': 'warning' } }).findings, 'unsafe-cache-in-production').severity).toBe('warning');
    expect(run(text, 'xml', { rules: { 'unsafe-cache-in-production': 'off' } }).findings.map((f) => f.code)).not.toContain('unsafe-cache-in-production');
  });
  it('next-line and whole-file pragmas silence only the named code', () => {
    const nextLine = text.replace("      <driver", "      <!-- vmdisk-disable-next-line unsafe-cache-in-production -->\n      <driver");
    const codes = run(nextLine).findings.map((f) => f.code);
    expect(codes).not.toContain('unsafe-cache-in-production');
    expect(codes).toContain('migration-unsafe-cache');
    const file = `<!-- vmdisk-disable unsafe-cache-in-production, migration-unsafe-cache -->\n${text}`;
    expect(run(file).findings).toEqual([]);
    const cmd = '# vmdisk-disable-next-line native-aio-needs-direct\nqemu-system-x86_64 -drive file=/a.raw,format=raw,if=virtio,aio=native\n';
    expect(run(cmd, 'shellscript').findings.map((f) => f.code)).not.toContain('native-aio-needs-direct');
  });
});

describe('half-typed values', () => {
  it('an empty -drive cache= is one invalid-value finding listing every value as a fix', () => {
    const text = 'qemu-system-x86_64 -drive file=/a.raw,if=virtio,cache=\n';
    const findings = run(text, 'qemu-cmdline').findings.filter((f) => f.severity === 'error');
    expect(findings.map((f) => f.code)).toEqual(['invalid-value']);
    expect(findings[0].fixes.map((f) => f.title)).toContain("Use 'none'");
  });
});

describe('damaged text', () => {
  it('no fix writes into an XML tag cut short by a stray < (found by fuzzing, seed 756149727)', () => {
    const text = domain("<driver name='<qemu' type='qcow2'/>");
    const a = run(text, 'xml', { migration: 'expected' });
    expect(a.findings.map((f) => f.code)).toContain('syntax-error');
    expect(only(a.findings, 'migration-unsafe-cache').fixes).toEqual([]);
  });
});
