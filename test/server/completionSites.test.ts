/** Completion data and the local scan that finds what the cursor is in (pure, half-typed text included). */
import { describe, expect, it } from 'vitest';
import { completionsAt } from '../../shared/src/complete';
import { AIO_MODES, CACHE_MODES, VALUE_SETS } from '../../shared/src/modes';

/** Completions at the `|` in `text`. */
function at(textWithCursor: string, syntax: 'libvirt-xml' | 'qemu-cmdline') {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return { text, offset, items: completionsAt(text, offset, syntax) };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('XML', () => {
  it("cache='|' offers libvirt's cache values with their meaning from the mode table", () => {
    const { items, offset } = at("<domain><devices><disk><driver name='qemu' cache='|'/></disk></devices></domain>", 'libvirt-xml');
    expect(labels(items)).toEqual([...VALUE_SETS.xmlCache]);
    expect(items.find((i) => i.label === 'none')!.detail).toBe(CACHE_MODES.none.summary);
    expect(items.find((i) => i.label === 'none')!.documentation).toContain(CACHE_MODES.none.useWhen);
    expect(items.every((i) => i.span.start === offset && i.span.end === offset && i.insertText === i.label)).toBe(true);
  });

  it('replaces the whole value word around the cursor', () => {
    const { items, text } = at("<driver name='qemu' cache='wri|teback' io='native'/>", 'libvirt-xml');
    const span = items[0].span;
    expect(text.slice(span.start, span.end)).toBe('writeback');
  });

  it('works in half-typed text at the end of the document', () => {
    const { items } = at("<domain>\n<devices>\n<disk type='file'>\n<driver name='qemu' io='|", 'libvirt-xml');
    expect(labels(items)).toEqual([...VALUE_SETS.xmlIo]);
    expect(items.find((i) => i.label === 'io_uring')!.detail).toBe(AIO_MODES.io_uring.summary);
  });

  it('discard, detect_zeroes and copy_on_read values', () => {
    expect(labels(at("<driver discard=\"|\"/>", 'libvirt-xml').items)).toEqual([...VALUE_SETS.xmlDiscard]);
    expect(labels(at("<driver detect_zeroes='u|'/>", 'libvirt-xml').items)).toEqual([...VALUE_SETS.xmlDetectZeroes]);
    expect(labels(at("<driver copy_on_read='|'/>", 'libvirt-xml').items)).toEqual(['on', 'off']);
  });

  it('after `cache=` without a quote the value brings the quote style of the element', () => {
    const { items } = at('<driver name="qemu" cache=|', 'libvirt-xml');
    expect(items.find((i) => i.label === 'none')!.insertText).toBe('"none"');
  });

  it('attributes of <driver>, without those already there', () => {
    const { items, text } = at("<driver name='qemu' ca| io='native'/>", 'libvirt-xml');
    expect(labels(items)).toEqual(['type', 'cache', 'discard', 'detect_zeroes', 'copy_on_read']);
    const cache = items.find((i) => i.label === 'cache')!;
    expect(cache.insertText).toBe("cache=''");
    expect(cache.snippet).toBe("cache='$1'");
    expect(text.slice(cache.span.start, cache.span.end)).toBe('ca');
  });

  it('nothing for other elements, outside tags, or inside comments', () => {
    expect(at("<source cache='|'/>", 'libvirt-xml').items).toEqual([]);
    expect(at("<driver cache='none'/> |", 'libvirt-xml').items).toEqual([]);
    expect(at("<!-- <driver cache='| -->", 'libvirt-xml').items).toEqual([]);
    expect(at("<disk |>", 'libvirt-xml').items).toEqual([]);
  });

  it('inside <qemu:arg value=…> the QEMU option syntax applies', () => {
    const { items } = at("<qemu:commandline><qemu:arg value='file=/a.raw,if=none,aio=|'/></qemu:commandline>", 'libvirt-xml');
    expect(labels(items)).toEqual([...VALUE_SETS.qemuAio]);
  });
});

describe('QEMU command lines', () => {
  it('-drive cache= and aio=', () => {
    expect(labels(at('qemu-system-x86_64 -drive file=/a.qcow2,cache=|', 'qemu-cmdline').items)).toEqual([...VALUE_SETS.qemuCache]);
    expect(at('-drive file=/a.qcow2,cache=|', 'qemu-cmdline').items.find((i) => i.label === 'off')!.detail).toBe(`same as none: ${CACHE_MODES.none.summary}`);
    expect(labels(at('-drive file=/a.qcow2,aio=na|,if=virtio', 'qemu-cmdline').items)).toEqual([...VALUE_SETS.qemuAio]);
  });

  it('dotted keys: cache.direct, cache.no-flush, file.aio; device write-cache; detect-zeroes', () => {
    expect(labels(at('-drive file=/a,cache.direct=|', 'qemu-cmdline').items)).toEqual(['on', 'off']);
    expect(at('-drive file=/a,cache.no-flush=|', 'qemu-cmdline').items[0].detail).toContain('ignore guest flushes');
    expect(labels(at('-blockdev driver=qcow2,file.aio=|', 'qemu-cmdline').items)).toEqual([...VALUE_SETS.qemuAio]);
    expect(labels(at('-device virtio-blk-pci,drive=d0,write-cache=|', 'qemu-cmdline').items)).toEqual(['on', 'off', 'auto']);
    expect(labels(at('-drive file=/a,detect-zeroes=|', 'qemu-cmdline').items)).toEqual([...VALUE_SETS.qemuDetectZeroes]);
  });

  it('JSON -blockdev: strings after "aio":, booleans after "direct":', () => {
    const { items, text } = at(`-blockdev '{"driver":"file","aio":"|","filename":"/a"}'`, 'qemu-cmdline');
    expect(labels(items)).toEqual([...VALUE_SETS.qemuAio]);
    expect(items[0].span.start).toBe(text.indexOf('"aio":"') + 7);
    expect(labels(at(`-blockdev '{"driver":"file","cache":{"direct":|`, 'qemu-cmdline').items)).toEqual(['true', 'false']);
    expect(labels(at(`-blockdev '{"driver":"file","cache":{"direct":true,"no-flush": f|}}'`, 'qemu-cmdline').items)).toEqual(['true', 'false']);
  });

  it('nothing for unknown keys or outside options', () => {
    expect(at('-drive file=/a,format=|', 'qemu-cmdline').items).toEqual([]);
    expect(at('qemu-system-x86_64 -m |', 'qemu-cmdline').items).toEqual([]);
    expect(at('-drive file=/a,foocache=|', 'qemu-cmdline').items).toEqual([]);
  });
});
