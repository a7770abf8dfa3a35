/** One vitest suite per oracle table file: every case run through real QEMU and through our analysis. */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { requireTool } from '../support/tools';
import { OracleLab, type OracleCase, type Verdict } from './qemuComparison';

export function describeOracleTables(title: string, label: string, tables: readonly [string, OracleCase[]][]): void {
  const haveQemu = requireTool('qemu-system-x86_64') && requireTool('qemu-img');
  describe.skipIf(!haveQemu)(title, () => {
    const lab = new OracleLab(path.resolve(__dirname, '../..'));
    let verdicts = new Map<OracleCase, Verdict>();
    beforeAll(async () => {
      lab.makeImages();
      verdicts = await lab.checkAll(tables.flatMap(([, cases]) => cases));
      console.log(lab.summary(label));
    });
    afterAll(() => lab.remove());

    for (const [name, cases] of tables) {
      describe(name, () => {
        test.for(cases.map((c) => [c.name, c] as const))('%s', ([, c], { expect }) => {
          const problems = verdicts.get(c)?.problems;
          expect(problems, problems?.join('\n')).toEqual([]);
        });
      });
    }
  });
}
