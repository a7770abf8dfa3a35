import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../../shared/src/parse/xml';
import { spanOf } from '../../../shared/src/text/mapped';

const NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

describe('<qemu:commandline>', () => {
  it('collects each arg value, decoded, mapped onto the raw text', () => {
    const text = `<domain type='kvm' xmlns:qemu='${NS}'>
  <devices/>
  <qemu:commandline>
    <qemu:arg value='-drive'/>
    <qemu:arg value="file=/var/lib/ünï &amp; 😀.qcow2,if=none,id=d0,cache=&apos;none&apos;"/>
    <qemu:env name='X' value='not an arg'/>
  </qemu:commandline>
</domain>`;
    const { qemuArgs, problems } = parseDomainXml(text);
    expect(problems).toEqual([]);
    expect(qemuArgs).toHaveLength(1);
    const [drive, value] = qemuArgs[0];
    expect(drive.text).toBe('-drive');
    expect(text.slice(spanOf(drive).start, spanOf(drive).end)).toBe('-drive');
    expect(value.text).toBe("file=/var/lib/ünï & 😀.qcow2,if=none,id=d0,cache='none'");
    const amp = value.text.indexOf('&');
    expect(text.slice(spanOf(value, amp, amp + 1).start, spanOf(value, amp, amp + 1).end)).toBe('&amp;');
    const cache = value.text.indexOf('cache=');
    const cacheSpan = spanOf(value, cache, value.text.length);
    expect(text.slice(cacheSpan.start, cacheSpan.end)).toBe('cache=&apos;none&apos;');
    const emoji = value.text.indexOf('😀');
    const emojiSpan = spanOf(value, emoji, emoji + 2);
    expect(text.slice(emojiSpan.start, emojiSpan.end)).toBe('😀');
  });

  it('matches the namespace URI whatever the prefix', () => {
    const text = `<domain xmlns:q='${NS}'><q:commandline><q:arg value='-snapshot'/></q:commandline></domain>`;
    expect(parseDomainXml(text).qemuArgs.map((a) => a.map((m) => m.text))).toEqual([['-snapshot']]);
  });

  it('matches the default namespace when it is the QEMU one', () => {
    const text = `<domain><commandline xmlns='${NS}'><arg value='-a'/></commandline></domain>`;
    expect(parseDomainXml(text).qemuArgs.map((a) => a.map((m) => m.text))).toEqual([['-a']]);
  });

  it('ignores a qemu prefix bound to another URI, unless rebound on the element', () => {
    const text = `<domain xmlns:qemu='urn:dummy'>
  <qemu:commandline><qemu:arg value='ignored'/></qemu:commandline>
  <qemu:commandline xmlns:qemu='${NS}'><qemu:arg value='ARGUMENT'/></qemu:commandline>
</domain>`;
    expect(parseDomainXml(text).qemuArgs.map((a) => a.map((m) => m.text))).toEqual([['ARGUMENT']]);
  });

  it('takes an undeclared qemu prefix at its word', () => {
    const text = `<domain><qemu:commandline><qemu:arg value='-x'/><qemu:arg value='y'/></qemu:commandline><qemu:commandline/></domain>`;
    expect(parseDomainXml(text).qemuArgs.map((a) => a.map((m) => m.text))).toEqual([['-x', 'y'], []]);
  });

  it('does not take an undeclared other prefix, nor args outside a commandline', () => {
    const text = `<domain><foo:commandline><foo:arg value='-x'/></foo:commandline><qemu:arg value='-y'/></domain>`;
    expect(parseDomainXml(text).qemuArgs).toEqual([]);
  });
});
