/** Looks a program up on PATH the way a shell would, without running a shell. */
import { accessSync, constants, statSync } from 'node:fs';
import * as nodePath from 'node:path';

export function findExecutable(name: string, pathVariable = process.env.PATH ?? ''): string | null {
  for (const dir of pathVariable.split(nodePath.delimiter)) {
    if (dir === '') continue;
    const candidate = nodePath.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; next PATH entry
    }
  }
  return null;
}
