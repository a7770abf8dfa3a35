/**
 * `vmdisk lint --connect URI --format json --include-xml`: each file carries the XML its positions
 * refer to (what the VS Code command shows as the domain's document), through the real argument
 * parser and real virsh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { domainIdentity } from '../../server/src/cli/fleet/domainIdentity';
import { FLEET_FLAGS, fleetRequestFrom } from '../../server/src/cli/fleet/fleetArgs';
import { LINT_FLAGS, lintCommand, lintOptionsFrom } from '../../server/src/cli/lint';
import { requireTool } from '../support/tools';
import { HOSTILE_DOMAINS, MIXED_DOMAINS } from './fixtures';
import { makeTempDir, removeDir, virsh, writeNode } from './nodeFiles';

const haveVirsh = requireTool('virsh');

const SPEC = {
  values: [...LINT_FLAGS.values, ...FLEET_FLAGS.values],
  repeatable: [...LINT_FLAGS.repeatable, ...FLEET_FLAGS.repeatable],
  booleans: FLEET_FLAGS.booleans,
};

function request(argv: string[]) {
  const { values, booleans } = parseArgs(argv, SPEC);
  return fleetRequestFrom(values, lintOptionsFrom(values), booleans);
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface JsonFile {
  path: string;
  diagnostics: { code: string; range: Range }[];
  xml?: string;
}

async function lintJson(argv: string[]): Promise<{ code: number; files: JsonFile[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await lintCommand(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, files: (JSON.parse(stdout) as { files: JsonFile[] }).files, stderr };
}

/** The text a range covers; lines split as LSP does (CRLF, LF or CR), characters in UTF-16 units. */
function textAt(text: string, range: Range): string {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const offset = (p: Range['start']) => starts[p.line] + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

describe('--include-xml arguments', () => {
  it('is off unless asked for, and then set', () => {
    expect(request(['--connect', 'test:///default', '--format', 'json'])?.options.includeXml).toBeUndefined();
    expect(request(['--connect', 'test:///default', '--format', 'json', '--include-xml'])?.options.includeXml).toBe(true);
  });

  it.each([
    [['--include-xml', 'a.xml'], '--include-xml needs --connect URI'],
    [['--connect', 'test:///default', '--include-xml'], '--include-xml needs --format json'],
    [['--connect', 'test:///default', '--format', 'sarif', '--include-xml'], '--include-xml needs --format json'],
    [['--connect', 'test:///default', '--format', 'json', '--include-xml=yes'], '--include-xml takes no value'],
  ])('%j → usage error', (argv, message) => {
    expect(() => request(argv)).toThrow(UsageError);
    expect(() => request(argv)).toThrow(message);
  });
});

describe.skipIf(!haveVirsh)('--include-xml with libvirt\'s test driver', () => {
  let dir: string;
  let mixed: string;
  let hostile: string;
  beforeAll(() => {
    dir = makeTempDir('xml');
    mixed = writeNode(dir, 'mixed.xml', MIXED_DOMAINS);
    hostile = encodeURI(writeNode(dir, 'hostile ünï.xml', HOSTILE_DOMAINS));
  });
  afterAll(() => removeDir(dir));

  it('each file holds the XML virsh dumped, and every finding range points into it', async () => {
    const plain = await lintJson(['--connect', mixed, '--format', 'json']);
    const withXml = await lintJson(['--connect', mixed, '--format', 'json', '--include-xml']);
    expect(withXml.code).toBe(plain.code);
    expect(plain.files.every((f) => !('xml' in f))).toBe(true);
    // The flag adds the text and changes nothing else.
    expect(withXml.files.map(({ xml: _xml, ...rest }) => rest)).toEqual(plain.files);
    for (const file of withXml.files) {
      const name = decodeURIComponent(file.path.slice(file.path.lastIndexOf('/') + 1));
      const dumped = await virsh(['-c', mixed, 'dumpxml', '--inactive', name]);
      expect(file.xml).toBe(dumped.stdout);
    }
    const db01 = withXml.files.find((f) => f.path.endsWith('/db01'))!;
    const native = db01.diagnostics.find((d) => d.code === 'native-aio-needs-direct')!;
    expect(['native', 'writeback']).toContain(textAt(db01.xml!, native.range));
  });

  it('hostile names: the XML names each domain exactly as the location does', async () => {
    const r = await lintJson(['--connect', hostile, '--format', 'json', '--include-xml']);
    expect(r.stderr).toBe('');
    expect(r.files).toHaveLength(HOSTILE_DOMAINS.length);
    for (const file of r.files) {
      const name = decodeURIComponent(file.path.slice(file.path.lastIndexOf('/') + 1));
      expect(domainIdentity(file.xml!).name).toBe(name);
      expect(file.xml).toContain('ünïcode-😀');
    }
  });
});
