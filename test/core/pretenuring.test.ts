/**
 * What an analysis of XML keeps must be allocated in the young generation even after V8 has
 * watched many analyses: V8 moves the allocation of an object literal whose objects mostly
 * survive young collections into the old generation ("allocation-site pretenuring"), and a
 * dropped analysis whose disks and settings were so placed held its young parts alive through
 * every young collection (model.ts says more). A small young generation (4 MB) makes V8 decide
 * within a second; the check runs in a process of its own, started with the flags it needs.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(__dirname, '..', '..', 'dist', 'core.js');

/** Prints the paths (`disks[].disk.cache.span`) of an analysis's own objects that were born old. */
const CHILD = `
const { analyzeText } = require(${JSON.stringify(CORE)});
const inYoungGeneration = new Function('o', 'return %InYoungGeneration(o)');
const disk = (i) => "<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='writeback' io='native'/>" +
  "<source file='/var/lib/images/guest-" + i + ".qcow2'/><target dev='vd" + i + "' bus='virtio'/><shareable/></disk>\\n";
const domain = (n) => "<domain type='kvm'><devices>\\n" + Array.from({ length: n }, (_, i) => disk(i)).join('') + '</devices></domain>';
const large = domain(1000);
const small = domain(20);
// Analyses beside short-lived garbage, as in an editor or the bench: the young generation grows to
// its limit, and V8 judges each literal by how many of its objects outlive a collection.
let garbage;
for (let i = 0; i < 60; i++) {
  analyzeText(large, { languageId: 'xml' });
  garbage = Array.from({ length: 50000 }, (_, k) => ({ k }));
}
const objects = (root) => {
  const found = new Map();
  const walk = (o, path) => {
    if (o === null || typeof o !== 'object' || found.has(o)) return;
    found.set(o, path.replace(/\\.\\d+/g, '[]'));
    for (const key of Object.keys(o)) walk(o[key], path + '.' + key);
  };
  walk(root, 'analysis');
  return found;
};
// Objects every analysis shares (empty lists, the default flag sources) are old by right.
const shared = objects({ disks: analyzeText(small, { languageId: 'xml' }).disks });
// A full collection in the middle of the analysis would promote whatever it holds: so none is due.
gc();
const analysis = analyzeText(small, { languageId: 'xml' });
const bornOld = new Set();
for (const [o, path] of objects({ disks: analysis.disks, findings: analysis.findings })) {
  if (!shared.has(o) && !inYoungGeneration(o)) bornOld.add(path);
}
console.log(JSON.stringify({ findings: analysis.findings.length, bornOld: [...bornOld] }));
`;

describe('objects of an analysis', () => {
  it('are born in the young generation, however many analyses V8 has seen', () => {
    const out = execFileSync(process.execPath, ['--max-semi-space-size=4', '--allow-natives-syntax', '--expose-gc', '-e', CHILD], { encoding: 'utf8' });
    const { findings, bornOld } = JSON.parse(out) as { findings: number; bornOld: string[] };
    // The analysis did find something: each disk has native AIO without O_DIRECT, and more.
    expect(findings).toBeGreaterThanOrEqual(40);
    expect(bornOld).toEqual([]);
  });
});
