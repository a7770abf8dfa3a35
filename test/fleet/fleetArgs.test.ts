import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { FLEET_FLAGS, fleetRequestFrom } from '../../server/src/cli/fleet/fleetArgs';
import { LINT_FLAGS, lintOptionsFrom } from '../../server/src/cli/lint';

const SPEC = { values: [...LINT_FLAGS.values, ...FLEET_FLAGS.values], repeatable: [...LINT_FLAGS.repeatable, ...FLEET_FLAGS.repeatable] };

function request(argv: string[]) {
  const { values } = parseArgs(argv, SPEC);
  return fleetRequestFrom(values, lintOptionsFrom(values));
}

describe('fleetRequestFrom', () => {
  it('is undefined without --connect: the command is about files', () => {
    expect(request(['--format', 'json', 'a.xml'])).toBeUndefined();
  });

  it('defaults: every domain, 4 jobs, virsh from PATH, 30 s a call; lint settings carried over', () => {
    expect(request(['--connect', 'qemu:///system', '--environment', 'development'])).toEqual({
      connects: ['qemu:///system'],
      options: { format: 'text', settings: { environment: 'development', migration: 'unknown', rules: {}, qemuVersion: '7.2', libvirtVersion: '9.0.0' }, domains: [], jobs: 4, virsh: 'virsh', timeoutMs: 30_000 },
    });
  });

  it('repeated --connect and --domain, in order; values kept as given', () => {
    const r = request(['--connect', 'test:///a.xml', '--domain', '; rm -rf /', '--connect=qemu+ssh://h/system', '--domain', '--help', '--jobs', '16', '--timeout', '2.5', '--virsh', '/opt/virsh']);
    expect(r?.connects).toEqual(['test:///a.xml', 'qemu+ssh://h/system']);
    expect(r?.options).toMatchObject({ domains: ['; rm -rf /', '--help'], jobs: 16, timeoutMs: 2500, virsh: '/opt/virsh' });
  });

  it.each([
    [['--domain', 'x'], '--domain needs --connect URI'],
    [['--jobs', '2', 'a.xml'], '--jobs needs --connect URI'],
    [['--connect', 'u', '--jobs', '0'], '--jobs must be a whole number from 1 to 256'],
    [['--connect', 'u', '--jobs', '2.5'], '--jobs must be a whole number'],
    [['--connect', 'u', '--jobs', '1000'], '--jobs must be a whole number'],
    [['--connect', 'u', '--timeout', '0'], '--timeout must be a number of seconds above 0'],
    [['--connect', 'u', '--timeout', 'soon'], '--timeout must be a number of seconds above 0'],
    [['--connect', ''], '--connect needs a URI'],
    [['--connect', 'u', '--virsh='], '--virsh needs a path'],
  ])('%j → usage error', (argv, message) => {
    expect(() => request(argv)).toThrow(UsageError);
    expect(() => request(argv)).toThrow(message);
  });
});
