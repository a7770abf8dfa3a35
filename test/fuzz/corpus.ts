/** The libvirt corpus (XML and the QEMU argv libvirt generates from it), the fuzzers' seed documents. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageId } from '../../shared/src/analyze';

export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'libvirt');

export interface CorpusFile {
  name: string;
  text: string;
  /** The language the file is written in; the fuzzers also feed it to the others. */
  languageId: LanguageId;
}

export const LANGUAGES: readonly LanguageId[] = ['xml', 'qemu-cmdline', 'shellscript'];

export function loadCorpus(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const dir of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(CORPUS, dir.name)).sort()) {
      const languageId = name.endsWith('.xml') ? 'xml' : name.endsWith('.args') ? 'qemu-cmdline' : undefined;
      if (languageId) files.push({ name: `${dir.name}/${name}`, text: readFileSync(join(CORPUS, dir.name, name), 'utf8'), languageId });
    }
  }
  if (files.length < 100) throw new Error(`the corpus at ${CORPUS} has ${files.length} files; expected hundreds`);
  return files;
}
