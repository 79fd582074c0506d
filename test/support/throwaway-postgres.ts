// Starts a throwaway PostgreSQL cluster (system binaries, temp dir, free port) and makes test databases on it.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface ThrowawayPostgresOptions {
  /** Directory holding `initdb` and `postgres`; found automatically when omitted. */
  binDir?: string;
  /** How long to wait for the server to accept connections (default 30 s). */
  startTimeoutMs?: number;
  /** OS user that runs the server when this process is root (default `postgres`). */
  osUser?: string;
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string>;
}

export interface ThrowawayPostgres {
  /** `postgres://mwallet@127.0.0.1:PORT/mwallet` */
  url: string;
  /** The same database over the server's Unix-domain socket (no TCP loopback: cheaper per round trip). */
  socketUrl: string;
  binDir: string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

interface Identity {
  uid: number;
  gid: number;
}

interface Running {
  child: ChildProcess;
  dir: string;
  watchdog: ChildProcess;
}

const SUPERUSER = 'mwallet';
const DATABASE = 'mwallet';
// Durability stays at PostgreSQL's defaults (stated explicitly): benchmarks against this server must be honest.
const SERVER_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  max_connections: '100',
  shared_buffers: '256MB',
};
const CHILD_ENV = { ...process.env, LC_ALL: 'C', LANG: 'C' };
const running = new Set<Running>();

/** The directory of the newest PostgreSQL server binaries on this machine, or undefined. */
export function findPostgresBinDir(): string | undefined {
  const candidates = [
    process.env.MWALLET_TEST_PG_BINDIR,
    ...debianBinDirs(),
    pgConfigBinDir(),
    ...pathDirs(),
  ];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== '' && hasServerBinaries(dir));
}

function hasServerBinaries(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
}

function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  const versions = readdirSync(root).filter((name) => /^\d+(\.\d+)?$/.test(name));
  return versions.sort((a, b) => Number(b) - Number(a)).map((version) => join(root, version, 'bin'));
}

function pgConfigBinDir(): string | undefined {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(delimiter);
}

/** Creates a fresh cluster in a temp dir, starts it on a free port and creates the `mwallet` database. */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const binDir = options.binDir ?? findPostgresBinDir();
  if (binDir === undefined) {
    throw new Error(
      'PostgreSQL server binaries (initdb, postgres) not found in /usr/lib/postgresql/*/bin, `pg_config --bindir` ' +
        'or PATH. Install them (Debian: apt-get install -y postgresql) or set DATABASE_URL to a running server.',
    );
  }
  const identity = serverIdentity(options.osUser ?? 'postgres');
  const dir = mkdtempSync(join(tmpdir(), 'mwallet-pg-'));
  let server: Running | undefined;
  try {
    if (identity) chownSync(dir, identity.uid, identity.gid);
    await initCluster(binDir, dir, identity);
    const settings = { ...SERVER_SETTINGS, ...options.settings };
    const started = await startServer(binDir, dir, identity, settings, options.startTimeoutMs ?? 30_000);
    server = started.server;
    await createDatabase(adminUrl(started.port), DATABASE);
    const url = `postgres://${SUPERUSER}@127.0.0.1:${started.port}/${DATABASE}`;
    const socketUrl = `postgres://${SUPERUSER}@localhost/${DATABASE}?host=${encodeURIComponent(dir)}&port=${started.port}`;
    return { url, socketUrl, binDir, stop: () => stopServer(started.server) };
  } catch (error) {
    if (server) await shutDown(server);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** initdb and postgres refuse to run as root: as root, run them as `osUser` instead. */
function serverIdentity(osUser: string): Identity | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', osUser], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', osUser], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      `Running as root, and PostgreSQL refuses to run as root, but there is no OS user '${osUser}' to run it as. ` +
        'Install the postgresql package (it creates the user) or create one: useradd --system postgres',
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function initCluster(binDir: string, dir: string, identity: Identity | undefined): Promise<void> {
  const args = ['-D', join(dir, 'data'), '--auth=trust', '-U', SUPERUSER, '--encoding=UTF8', '--locale=C'];
  // --no-sync only skips initdb's final flush of the fresh catalog; the server itself runs with fsync on.
  return new Promise((resolve, reject) => {
    const opts = { cwd: dir, env: CHILD_ENV, ...identity };
    execFile(join(binDir, 'initdb'), [...args, '--no-sync'], opts, (error, stdout, stderr) => {
      if (error) reject(new Error(`initdb failed: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}

async function startServer(
  binDir: string,
  dir: string,
  identity: Identity | undefined,
  settings: Record<string, string>,
  timeoutMs: number,
): Promise<{ server: Running; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = track(spawnPostgres(binDir, dir, identity, settings, port), dir);
    try {
      await waitUntilReady(server.child, port, dir, timeoutMs);
      return { server, port };
    } catch (error) {
      await shutDown(server);
      // Another process may have taken the port between our probe and the server's bind: try another one.
      if (attempt >= 3 || !/could not bind|address already in use/i.test(logTail(dir))) throw error;
    }
  }
}

function spawnPostgres(
  binDir: string,
  dir: string,
  identity: Identity | undefined,
  settings: Record<string, string>,
  port: number,
): ChildProcess {
  const args = ['-D', join(dir, 'data'), '-p', String(port), '-k', dir];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  const logPath = join(dir, 'postgres.log');
  const log = openSync(logPath, 'w');
  try {
    const stdio: ['ignore', number, number] = ['ignore', log, log];
    const child = spawn(join(binDir, 'postgres'), args, { cwd: dir, env: CHILD_ENV, stdio, ...identity });
    child.once('error', (error) => appendFileSync(logPath, `could not start postgres: ${error.message}\n`));
    return child;
  } finally {
    closeSync(log);
  }
}

async function waitUntilReady(
  child: ChildProcess,
  port: number,
  dir: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child))
      throw new Error(`postgres exited during startup (code ${child.exitCode}):\n${logTail(dir)}`);
    if (await canConnect(adminUrl(port))) return;
    if (Date.now() > deadline) throw new Error(`postgres not ready after ${timeoutMs} ms:\n${logTail(dir)}`);
    await sleep(50);
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function adminUrl(port: number): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
}

function logTail(dir: string): string {
  try {
    return readFileSync(join(dir, 'postgres.log'), 'utf8').slice(-4000);
  } catch {
    return '(no server log)';
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Fast shutdown (SIGINT); immediate shutdown (SIGQUIT) if that hangs; SIGKILL as the last resort. */
async function terminate(child: ChildProcess): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (hasExited(child)) return;
    child.kill(signal);
    if (await waitForExit(child, waitMs)) return;
  }
}

async function shutDown(server: Running): Promise<void> {
  untrack(server);
  server.watchdog.kill('SIGKILL');
  await terminate(server.child);
}

async function stopServer(server: Running): Promise<void> {
  await shutDown(server);
  rmSync(server.dir, { recursive: true, force: true });
}

/**
 * A detached shell that outlives this process if it is killed outright (SIGKILL, OOM): it then shuts the
 * server down and removes its directory. stop() kills it first, so it never acts after an orderly stop.
 */
function startWatchdog(child: ChildProcess, dir: string): ChildProcess {
  const script = [
    'owner=$1 server=$2 dir=$3',
    'while kill -0 "$owner" 2>/dev/null; do sleep 1; done',
    // Signal the pid only while it is still our postmaster (its command line names our directory).
    'alive() { [ -n "$server" ] && grep -qF -- "$dir" "/proc/$server/cmdline" 2>/dev/null; }',
    'alive && kill -QUIT "$server"',
    'i=0; while alive && [ "$i" -lt 50 ]; do sleep 0.2; i=$((i+1)); done',
    'alive && kill -KILL "$server"',
    'rm -rf -- "$dir"',
  ].join('\n');
  const args = ['-c', script, 'mwallet-pg-watchdog', String(process.pid), String(child.pid), dir];
  const watchdog = spawn('/bin/sh', args, { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

/** Registers a just-spawned server for cleanup at exit, by signal handlers here and by a watchdog. */
function track(child: ChildProcess, dir: string): Running {
  if (running.size === 0) {
    process.on('exit', stopAllNow);
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }
  const server = { child, dir, watchdog: startWatchdog(child, dir) };
  running.add(server);
  return server;
}

function untrack(server: Running): void {
  if (!running.delete(server) || running.size > 0) return;
  process.off('exit', stopAllNow);
  process.off('SIGINT', onSigint);
  process.off('SIGTERM', onSigterm);
}

/** Synchronous last-moment cleanup: immediate shutdown; the watchdog removes the directories. */
function stopAllNow(): void {
  for (const server of running) if (!hasExited(server.child)) server.child.kill('SIGQUIT');
}

const onSigint = (): void => onSignal('SIGINT');
const onSigterm = (): void => onSignal('SIGTERM');

/** Stops the servers, then lets the signal end the process unless someone else handles it. */
function onSignal(signal: NodeJS.Signals): void {
  stopAllNow();
  for (const server of [...running]) untrack(server);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** Creates a uniquely named, empty database on the server of `baseUrl`; drop() removes it. */
export async function createTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `mwallet_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await createDatabase(baseUrl, name);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = (): Promise<void> => {
    dropped ??= withClient(baseUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    return dropped;
  };
  return { url: url.toString(), drop };
}

function createDatabase(url: string, name: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
