#!/usr/bin/env node
// Makes sure the Debian tools the test suites drive are installed; `npm test` runs this before vitest.
// Everything present: returns at once (a PATH lookup per tool, no process started).
// Missing and apt usable (root, apt-get on PATH): apt-get update, then install the packages.
// Missing otherwise: a loud notice naming the tools and the suites that will skip — but under CI=true a
// missing tool fails the run (exit 1), never a skip.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one table of external tools: command → Debian package (Debian 12) and the suites that need it. */
const TOOLS = [
  { command: 'qemu-system-x86_64', pkg: 'qemu-system-x86', suites: 'real-QEMU oracle (test/oracle/qemu-*)' },
  { command: 'qemu-img', pkg: 'qemu-utils', suites: 'real-QEMU oracle, probe (test/oracle, test/probe)' },
  { command: 'qemu-io', pkg: 'qemu-utils', suites: 'probe cross-check (test/probe)' },
  { command: 'nvim', pkg: 'neovim', suites: 'Neovim as an LSP client (test/nvim)' },
  { command: 'virsh', pkg: 'libvirt-clients', suites: 'libvirt test driver (test/fleet, test/parse/xml)' },
  { command: 'virt-xml-validate', pkg: 'libvirt-clients', suites: 'libvirt RelaxNG schema checks' },
  // virt-xml-validate is a shell script around xmllint, which libvirt-clients does not depend on.
  { command: 'xmllint', pkg: 'libxml2-utils', suites: 'libvirt RelaxNG schema checks (virt-xml-validate)' },
  { command: 'chromium', pkg: 'chromium', suites: 'VS Code in a browser (test/vscode)' },
  { command: 'emacs', pkg: 'emacs-nox', suites: 'Emacs + eglot as an LSP client (test/emacs)' },
  // eglot is a library with no command of its own (Emacs 28 does not include it): installed with Emacs.
  { command: 'emacs', pkg: 'elpa-eglot', suites: 'Emacs + eglot as an LSP client (test/emacs)' },
];

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function missingTools() {
  return TOOLS.filter((t) => !onPath(t.command));
}

function aptUsable() {
  return process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
}

/** Recommends are left out: QEMU runs paused with -display none and without the GUI or block-extra modules. */
function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.error(`[ensure-tools] installing ${packages.join(' ')} with apt-get`);
  try {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  } catch {
    // Another apt run may hold the lists lock; the lists it leaves may still serve the install.
    console.error('[ensure-tools] apt-get update failed; trying the install with the current package lists');
  }
  // Wait for another apt/dpkg run to finish instead of failing on its lock.
  const install = ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...packages];
  execFileSync('apt-get', install, { stdio: 'inherit', env });
}

function loud(lines) {
  const bar = '*'.repeat(78);
  console.error(['', bar, ...lines.map((l) => `*** ${l}`), bar, ''].join('\n'));
}

/**
 * code-server (a real VS Code for test/vscode) is not a Debian package: its own script installs it
 * once under .vmdisk-tools/ and reuses it, so the suite's time goes to testing, not installing.
 */
function ensureCodeServer() {
  if (!aptUsable() && process.env.CI !== 'true') return 0;
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/install-code-server.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
    return 0;
  } catch (error) {
    loud([`code-server could not be installed: ${error.message}`, 'The VS Code suite (test/vscode) will fail.']);
    return process.env.CI === 'true' ? 1 : 0;
  }
}

function main() {
  return ensureDebianTools() || ensureCodeServer();
}

function ensureDebianTools() {
  let missing = missingTools();
  if (missing.length === 0) return 0;

  if (aptUsable()) {
    try {
      aptInstall([...new Set(missing.map((t) => t.pkg))]);
    } catch (error) {
      console.error(`[ensure-tools] apt-get failed: ${error.message}`);
    }
    missing = missingTools();
    if (missing.length === 0) return 0;
  }

  const ci = process.env.CI === 'true';
  const packages = [...new Set(missing.map((t) => t.pkg))].join(' ');
  loud([
    ci ? 'MISSING TOOLS — CI=true, so this is a failure, not a skip:' : 'MISSING TOOLS — these test suites will be SKIPPED:',
    ...missing.map((t) => `  ${t.command} (Debian package ${t.pkg}): ${t.suites}`),
    aptUsable() ? 'apt-get ran, but they are still missing (see its output above).' : 'Not root or no apt-get, so nothing was installed.',
    `Install with: apt-get install --no-install-recommends ${packages}`,
  ]);
  return ci ? 1 : 0;
}

process.exitCode = main();
