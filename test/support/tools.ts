/** External tools the tests need: present → run; missing → fail under CI=true, loud skip otherwise. */
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

export function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** For `describe.skipIf(!requireTool('qemu-img'))`: throws under CI=true when missing. */
export function requireTool(name: string): boolean {
  if (hasTool(name)) return true;
  if (process.env.CI === 'true') throw new Error(`required tool '${name}' is not installed (CI=true: failing instead of skipping)`);
  console.warn(`\n*** SKIPPING: '${name}' is not installed; tests that need it do not run. As root, \`node test/setup/ensure-tools.mjs\` installs it ***\n`);
  return false;
}
