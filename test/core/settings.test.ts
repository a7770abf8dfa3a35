import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from '../../shared/src/settings';

describe('resolveSettings', () => {
  it('reads nested and dotted keys', () => {
    const { settings, problems } = resolveSettings({ environment: 'development', target: { qemuVersion: '4.2' }, 'target.libvirtVersion': '6.0.0', rules: { 'migration-unsafe-cache': 'error' } });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ environment: 'development', qemuVersion: '4.2', libvirtVersion: '6.0.0', rules: { 'migration-unsafe-cache': 'error' } });
  });
  it('falls back to defaults with a message naming the setting', () => {
    const { settings, problems } = resolveSettings({ environment: 'staging', target: { qemuVersion: 'latest' }, probe: { timeLimit: 5 }, rules: { 'invalid-value': 'loud' } });
    expect(settings.environment).toBe(DEFAULT_SETTINGS.environment);
    expect(settings.qemuVersion).toBe(DEFAULT_SETTINGS.qemuVersion);
    expect(settings.probeTimeLimitMs).toBe(DEFAULT_SETTINGS.probeTimeLimitMs);
    expect(settings.rules).toEqual({});
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('vmdisk.environment: "staging" is not one of production, development');
  });
  it('ignores what is not an object', () => {
    expect(resolveSettings(null).settings).toEqual({ ...DEFAULT_SETTINGS, rules: {} });
    expect(resolveSettings('x').problems).toEqual([]);
  });
});
