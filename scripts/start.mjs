// `npm start`: lint the bundled examples. They contain findings on purpose, so exit status 1
// ("an error was found") is the expected outcome here; only 2 (could not run) fails the script.
import { execFileSync } from 'node:child_process';

try {
  execFileSync(process.execPath, ['dist/cli.js', 'lint', 'examples/'], { stdio: 'inherit' });
} catch (e) {
  if (e.status !== 1) process.exit(e.status ?? 2);
}
