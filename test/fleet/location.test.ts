import { describe, expect, it } from 'vitest';
import { domainLocation, isRemoteUri } from '../../server/src/cli/fleet/location';

describe('domainLocation', () => {
  it('writes the URI as given and the domain percent-encoded, ?live for the running definition', () => {
    expect(domainLocation('qemu+ssh://root@db7.example.com/system', 'db01')).toBe('libvirt://qemu+ssh://root@db7.example.com/system/db01');
    expect(domainLocation('qemu:///system', 'db01', true)).toBe('libvirt://qemu:///system/db01?live');
    expect(domainLocation('test:///tmp/my dir/ünï.xml', 'x')).toBe('libvirt://test:///tmp/my%20dir/%C3%BCn%C3%AF.xml/x');
    expect(domainLocation('qemu+ssh://h/system?keyfile=/k%20ey', 'x')).toBe('libvirt://qemu+ssh://h/system?keyfile=/k%20ey/x');
  });

  it.each([
    "a'b \"c\" $(x)", '; rm -rf / && echo pwned', 'ünïcode-😀 vm', 'nl\nname', 'tab\there', '?live', 'a/b', '100%', '<&>',
  ])('the domain %j is the text after the last slash, and decodes back unchanged', (name) => {
    for (const live of [false, true]) {
      const location = domainLocation('test:///tmp/n.xml', name, live);
      const tail = location.slice(location.lastIndexOf('/') + 1);
      expect(tail.endsWith('?live')).toBe(live);
      expect(decodeURIComponent(live ? tail.slice(0, -'?live'.length) : tail)).toBe(name);
      expect(location).not.toMatch(/[\s"<>\\^`{|}]/);
    }
  });
});

describe('isRemoteUri', () => {
  it.each([
    ['qemu+ssh://db7.example.com/system', true],
    ['qemu+ssh://root@db7:2222/system?keyfile=/root/.ssh/id', true],
    ['qemu+tcp://10.0.0.7/system', true],
    ['qemu+tls://[2001:db8::7]:16514/system', true],
    ['test+tcp://host.invalid/default', true],
    ['qemu:///system', false],
    ['qemu:///session', false],
    ['test:///default', false],
    ['test:///tmp/node.xml', false],
    ['qemu+ssh://localhost/system', false],
    ['qemu+ssh://admin@LOCALHOST:22/system', false],
    ['qemu+tcp://127.0.0.1:16509/system', false],
    ['qemu+tcp://[::1]/system', false],
    ['qemu+unix:///system?socket=/run/libvirt/libvirt-sock', false],
    ['myalias', false],
  ])('%s → %s', (uri, remote) => {
    expect(isRemoteUri(uri)).toBe(remote);
  });
});
