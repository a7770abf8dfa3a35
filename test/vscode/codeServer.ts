/**
 * A real VS Code for tests: code-server 4.100.3 (VS Code 1.100.3) installed by
 * scripts/install-code-server.mjs, with extensions installed from .vsix files as a user would, in
 * throw-away HOME/XDG/user-data/extensions directories, and Debian Chromium driven by playwright-core.
 * Every process started here is ended by its id: code-server with its process group.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './bundle.mjs';

const run = promisify(execFile);

export interface Tools {
  entry: string;
  chromium: string;
  version: string;
}

/** Installs or finds code-server and chromium; a missing tool throws (never a skip). */
export async function ensureTools(): Promise<Tools> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'scripts', 'install-code-server.mjs')], { cwd: ROOT, maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Tools;
}

export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  userData: string;
  extensions: string;
}

/** HOME, XDG dirs, user data and extensions dirs under one temporary directory. */
export async function sandbox(prefix: string): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const home = join(dir, 'home');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
  };
  for (const d of [env.XDG_CONFIG_HOME!, env.XDG_DATA_HOME!, env.XDG_CACHE_HOME!, env.XDG_RUNTIME_DIR!]) await mkdir(d, { recursive: true, mode: 0o700 });
  return { dir, env, userData: join(dir, 'user-data'), extensions: join(dir, 'extensions') };
}

export async function installExtensions(tools: Tools, box: Sandbox, vsixFiles: string[]): Promise<string> {
  const args = [tools.entry, '--user-data-dir', box.userData, '--extensions-dir', box.extensions];
  for (const vsix of vsixFiles) args.push('--install-extension', vsix);
  const { stdout, stderr } = await run(process.execPath, args, { env: box.env });
  return stdout + stderr;
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts code-server on a port it picks itself; resolves with the URL it prints once listening. */
export async function startCodeServer(
  tools: Tools,
  box: Sandbox,
  workspace: string,
  options: { trust: boolean; env?: NodeJS.ProcessEnv },
): Promise<RunningCodeServer> {
  const config = join(box.dir, 'config.yaml');
  await writeFile(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const args = [
    tools.entry,
    '--config', config,
    '--user-data-dir', box.userData,
    '--extensions-dir', box.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.trust ? ['--disable-workspace-trust'] : []),
    workspace,
  ];
  // Its own process group, so the extension host and the language server end with it.
  const child = spawn(process.execPath, args, { env: { ...box.env, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`)));
  });
  return { url, process: child, log: () => output, stop };
}

/** Resolves with the parsed JSON once `path` exists (written whole by rename), rejects if `alive` ends first. */
export function waitForJsonFile<T>(path: string, alive: ChildProcess, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const watcher = watch(dirname(path));
    const finish = (settle: () => void) => {
      watcher.close();
      clearTimeout(timer);
      alive.off('exit', onExit);
      settle();
    };
    const check = () => {
      readFile(path, 'utf8').then(
        (text) => finish(() => resolve(JSON.parse(text) as T)),
        () => undefined,
      );
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`code-server exited (${code}) before ${basename(path)} was written`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`${basename(path)} not written within ${timeoutMs} ms`))), timeoutMs);
    watcher.on('change', (_event, name) => {
      if (name === basename(path)) check();
    });
    alive.once('exit', onExit);
    check();
  });
}

export async function openBrowser(tools: Tools): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function openWorkbench(browser: Browser, url: string, workspace: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  return page;
}

export async function removeSandbox(box: Sandbox): Promise<void> {
  await rm(box.dir, { recursive: true, force: true });
}
