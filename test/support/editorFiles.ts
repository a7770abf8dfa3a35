/**
 * The documents the editor tests open: a domain XML (CRLF, a tab and non-ASCII before the finding on
 * its line), a QEMU `.args` file and a launch script, each with cache=writeback + native AIO. Each
 * says where native-aio-needs-direct starts, in the units each editor counts columns in.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EditorFile {
  name: string;
  text: string;
  /** Line (from 0) and UTF-16 column (LSP) where native-aio-needs-direct starts: the `native` value. */
  line: number;
  character: number;
}

const XML = [
  "<domain type='kvm'>",
  '  <name>editors-ünïcode-😀</name>',
  '  <devices>',
  "    <disk type='file' device='disk'>",
  "\t<!-- ünïcode-😀 --><driver name='qemu' type='qcow2' cache='writeback' io='native'/>",
  "      <source file='/var/lib/libvirt/images/ünïcode-😀.qcow2'/>",
  "      <target dev='vda' bus='virtio'/>",
  '    </disk>',
  '  </devices>',
  '</domain>',
  '',
].join('\r\n');

const ARGS = [
  'qemu-system-x86_64 -machine q35 -m 2048 \\',
  '  -drive file=/var/lib/images/ünïcode-😀.qcow2,format=qcow2,if=virtio,cache=writeback,aio=native',
  '',
].join('\n');

const SH = [
  '#!/bin/sh',
  '# Launch script for the ünïcode-😀 guest',
  'exec qemu-system-x86_64 -machine q35 -m 2048 \\',
  '\t-drive file=/var/lib/images/ünïcode-😀.qcow2,format=qcow2,if=virtio,cache=writeback,aio=native',
  '',
].join('\n');

function at(name: string, text: string, needle: string, delta: number): EditorFile {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(needle));
  return { name, text, line, character: lines[line].indexOf(needle) + delta };
}

export const EDITOR_FILES: readonly EditorFile[] = [
  at('vm.xml', XML, "io='native'", "io='".length),
  at('vm.args', ARGS, 'aio=native', 'aio='.length),
  at('launch.sh', SH, 'aio=native', 'aio='.length),
];

/** Writes the files into `dir`; returns their paths in EDITOR_FILES order. */
export function writeEditorFiles(dir: string): string[] {
  return EDITOR_FILES.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.text);
    return path;
  });
}

/** The text of `f`'s finding line before the finding. */
function prefix(f: EditorFile): string {
  return f.text.split(/\r?\n/)[f.line].slice(0, f.character);
}

/** Column in UTF-8 bytes (Neovim's vim.diagnostic). */
export function byteColumn(f: EditorFile): number {
  return Buffer.byteLength(prefix(f), 'utf8');
}

/** Column in characters (Emacs buffer positions count code points). */
export function charColumn(f: EditorFile): number {
  return [...prefix(f)].length;
}
