/** Which analysis a document gets, from its language id, else from its name. */
import type { LanguageId } from '../../../shared/src/analyze';

/** Editors name the same languages differently (Neovim uses its filetypes `sh`, `bash`; eglot its modes `nxml`, `sh`). */
const BY_LANGUAGE_ID: Record<string, LanguageId> = {
  xml: 'xml',
  nxml: 'xml',
  'libvirt-xml': 'xml',
  'qemu-cmdline': 'qemu-cmdline',
  shellscript: 'shellscript',
  sh: 'shellscript',
  bash: 'shellscript',
};

const BY_EXTENSION: Record<string, LanguageId> = {
  xml: 'xml',
  args: 'qemu-cmdline',
  qemu: 'qemu-cmdline',
  sh: 'shellscript',
  bash: 'shellscript',
};

export function analysisLanguage(languageId: string, uri: string): LanguageId | undefined {
  const known = BY_LANGUAGE_ID[languageId];
  if (known) return known;
  const ext = /\.([A-Za-z0-9]+)(?:[?#].*)?$/.exec(uri)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}
