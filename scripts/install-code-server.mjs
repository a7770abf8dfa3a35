#!/usr/bin/env node
// Installs what the in-editor test needs, outside node_modules so `npm ci` stays fast:
// Debian chromium (the browser), libkrb5-dev + ripgrep (code-server's native build and search),
// and code-server 4.100.3 (the last release whose engines accept Node 20) under .vmdisk-tools/.
// Idempotent: a finished install is recognised by a marker file and reused.
// Prints one JSON line: {"entry": ".../out/node/entry.js", "chromium": "/usr/bin/chromium", "version": "..."}.
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '4.100.3';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = process.env.VMDISK_TOOLS_DIR ?? join(ROOT, '.vmdisk-tools');
const HOME = join(TOOLS, `code-server-${VERSION}`);
const ENTRY = join(HOME, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = join(HOME, '.complete');
const LOG = join(TOOLS, 'install.log');
const APT_PACKAGES = { chromium: '/usr/bin/chromium', ripgrep: '/usr/bin/rg', 'libkrb5-dev': '/usr/include/gssapi/gssapi.h' };

function log(message) {
  process.stderr.write(`[install-code-server] ${message}\n`);
}

/** Runs one step with its (long, native-build) output in TOOLS/install.log; a failure names the log. */
function run(file, args, cwd, extraEnv = {}) {
  log(`${cwd}$ ${file} ${args.join(' ')}`);
  mkdirSync(TOOLS, { recursive: true });
  const out = openSync(LOG, 'a');
  try {
    execFileSync(file, args, { cwd, stdio: ['ignore', out, out], env: { ...process.env, ...extraEnv } });
  } catch (error) {
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd} (${error.status ?? error.signal}); see ${LOG}`);
  } finally {
    closeSync(out);
  }
}

function ensureAptPackages() {
  const missing = Object.entries(APT_PACKAGES).filter(([, probe]) => !existsSync(probe)).map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages ${missing.join(', ')}: run apt-get install ${missing.join(' ')} as root`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for another apt/dpkg run (test/setup/ensure-tools.mjs) instead of failing on its lock.
  const install = ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing];
  try {
    run('apt-get', install, ROOT, env);
  } catch {
    // A fresh machine has no package lists yet.
    run('apt-get', ['update'], ROOT, env);
    run('apt-get', install, ROOT, env);
  }
}

function link(target, path) {
  rmSync(path, { force: true, recursive: true });
  symlinkSync(target, path);
}

/** The recipe of shared/reference/real-tools.md: plain `npm install code-server` fails on its postinstall. */
function installCodeServer() {
  const staging = `${HOME}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, name: 'vmdisk-code-server' }));
  run('npm', ['install', `code-server@${VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock'], staging);
  const top = join(staging, 'node_modules', 'code-server');
  const vscode = join(top, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscode);
  const rgDir = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(APT_PACKAGES.ripgrep, join(rgDir, 'rg'));
  run('npm', ['rebuild', '--foreground-scripts'], vscode, { npm_config_yes: 'true' });
  link('node_modules', join(vscode, 'node_modules.asar'));
  link('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev'], join(vscode, 'extensions'));
  // npm hoists code-server's own dependencies (argon2) next to it.
  run('npm', ['rebuild', 'argon2', '--foreground-scripts'], staging);
  rmSync(HOME, { recursive: true, force: true });
  renameSync(staging, HOME);
}

/** `entry.js --version` prints e.g. `4.100.3 <commit> with Code 1.100.3`; a throw-away HOME keeps its config file out of ~. */
function installedVersion() {
  const home = mkdtempSync(join(tmpdir(), 'vmdisk-code-server-'));
  try {
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local') };
    const out = execFileSync(process.execPath, [ENTRY, '--version'], { encoding: 'utf8', env });
    return out.trim().split('\n').at(-1);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

ensureAptPackages();
if (!existsSync(MARKER) || readFileSync(MARKER, 'utf8').trim() !== VERSION) {
  mkdirSync(TOOLS, { recursive: true });
  installCodeServer();
  const version = installedVersion();
  if (!version.startsWith(VERSION)) throw new Error(`code-server reports ${version}, expected ${VERSION}`);
  writeFileSync(MARKER, `${VERSION}\n`);
}
process.stdout.write(`${JSON.stringify({ entry: ENTRY, chromium: APT_PACKAGES.chromium, version: installedVersion() })}\n`);
