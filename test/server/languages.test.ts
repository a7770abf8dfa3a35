import { describe, expect, it } from 'vitest';
import { analysisLanguage } from '../../server/src/lsp/languages';

describe('analysisLanguage', () => {
  it("maps each editor's language ids", () => {
    expect(analysisLanguage('nxml', 'untitled:Untitled-1')).toBe('xml');
    expect(analysisLanguage('bash', 'file:///x')).toBe('shellscript');
    expect(analysisLanguage('qemu-cmdline', 'file:///x')).toBe('qemu-cmdline');
  });
  it('falls back to the file extension for ids it does not know', () => {
    expect(analysisLanguage('plaintext', 'file:///vm/guest.args')).toBe('qemu-cmdline');
    expect(analysisLanguage('plaintext', 'vscode-remote://ssh/etc/libvirt/qemu/db.XML')).toBe('xml');
    expect(analysisLanguage('plaintext', 'file:///notes.txt')).toBeUndefined();
  });
});
