// loadConfig(env): the validated configuration, a pure function of the environment.
import { dirname } from 'node:path';
import type { LevelWithSilent } from 'pino';
import type { WalletSettings } from './domain/settings.js';
import { readSmsConfig, readWalletSettings, type SmsConfig } from './domain/settings-env.js';
import { SecretKey } from './secrets/secret-key.js';

export type StorageConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LedgerTuning {
  /** Most transfers the group-commit engine applies in one database transaction. */
  maxBatch: number;
  /** Most transfers waiting for a commit before new submissions are refused. */
  maxQueue: number;
}

export interface Config {
  port: number;
  host: string;
  storage: StorageConfig;
  /** Load the demo customer, merchant, agent, biller and operator on first start. */
  demo: boolean;
  logLevel: LogLevel;
  /** IANA zone for business days, daily limits and settlement cut-offs. */
  timeZone: string;
  /** Where generated secrets (and, by default, the SQLite database) live. */
  dataDir: string;
  /** From MWALLET_SECRET_KEY; when absent the key is kept in the data directory. */
  secretKey: SecretKey | undefined;
  ledger: LedgerTuning;
  /** Tiers, tariff, step-up policy, code and session rules, region and currency. */
  wallet: WalletSettings;
  sms: SmsConfig;
  /** Requests per minute per client address on the app API; 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Serve POST /bench/echo, the benchmark's baseline route (MWALLET_BENCH_ECHO=1). */
  benchEcho: boolean;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

const DEFAULT_SQLITE_PATH = './data/mwallet.db';
const DEFAULT_DATA_DIR = './data';
const SQLITE_IN_MEMORY = ':memory:';
const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** Reads every key, collecting all problems instead of stopping at the first. Empty values count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const errors: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    errors.push(`${name} must be a whole number from ${min} to ${max} (got "${text}")`);
    return fallback;
  };

  const flag = (name: string, fallback: boolean): boolean => readBoolean(name, read(name), fallback, errors);

  const port = integer('PORT', 8080, 1, 65535);
  const storage = readStorage(read('DATABASE_URL'), read('MWALLET_DB'), errors);
  const ledger = {
    maxBatch: integer('MWALLET_LEDGER_MAX_BATCH', 8190, 1, 1_000_000),
    maxQueue: integer('MWALLET_LEDGER_MAX_QUEUE', 100_000, 1, 100_000_000),
  };
  if (ledger.maxQueue < ledger.maxBatch) {
    errors.push(
      `MWALLET_LEDGER_MAX_QUEUE (${ledger.maxQueue}) must be at least MWALLET_LEDGER_MAX_BATCH (${ledger.maxBatch})`,
    );
  }
  const timeZone = readTimeZone(read('MWALLET_TZ'), errors);
  const demo = flag('MWALLET_DEMO', true);
  const host = read('HOST') ?? '127.0.0.1';
  const config: Config = {
    port,
    host,
    storage,
    demo,
    logLevel: readLogLevel(read('LOG_LEVEL'), errors),
    timeZone,
    dataDir: read('MWALLET_DATA_DIR') ?? defaultDataDir(storage),
    secretKey: readSecretKey(read('MWALLET_SECRET_KEY'), errors),
    ledger,
    wallet: readWalletSettings(read, { integer, flag }, { timeZone, demo, host, port }, errors),
    sms: readSmsConfig(env, read, errors),
    rateLimitPerMinute: integer('MWALLET_RATE_LIMIT', 600, 0, 100_000_000),
    benchEcho: flag('MWALLET_BENCH_ECHO', false),
  };
  return errors.length === 0 ? { ok: true, config } : { ok: false, errors };
}

/** Where the data lives, fit for printing: a PostgreSQL URL loses its password and parameters. */
export function describeStorage(storage: StorageConfig): string {
  if (storage.kind === 'sqlite') return storage.path;
  const url = new URL(storage.url);
  const user = url.username ? `${url.username}@` : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}`;
}

function readStorage(
  databaseUrl: string | undefined,
  sqlitePath: string | undefined,
  errors: string[],
): StorageConfig {
  if (databaseUrl === undefined) return { kind: 'sqlite', path: sqlitePath ?? DEFAULT_SQLITE_PATH };
  if (!isPostgresUrl(databaseUrl)) {
    // The value is not echoed: it may hold a password.
    errors.push(
      'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/db',
    );
  }
  return { kind: 'postgres', url: databaseUrl };
}

function isPostgresUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.host !== '';
}

function defaultDataDir(storage: StorageConfig): string {
  if (storage.kind === 'sqlite' && storage.path !== SQLITE_IN_MEMORY) return dirname(storage.path);
  return DEFAULT_DATA_DIR;
}

function readBoolean(name: string, text: string | undefined, fallback: boolean, errors: string[]): boolean {
  if (text === undefined) return fallback;
  const word = text.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  errors.push(`${name} must be 1 or 0 (also true/false, yes/no, on/off) (got "${text}")`);
  return fallback;
}

function readLogLevel(text: string | undefined, errors: string[]): LogLevel {
  if (text === undefined) return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === text.toLowerCase());
  if (level) return level;
  errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${text}")`);
  return 'info';
}

function readTimeZone(text: string | undefined, errors: string[]): string {
  const zone = text ?? 'Asia/Shanghai';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    errors.push(`MWALLET_TZ must be an IANA time zone such as Asia/Shanghai or UTC (got "${zone}")`);
    return zone;
  }
}

function readSecretKey(text: string | undefined, errors: string[]): SecretKey | undefined {
  if (text === undefined) return undefined;
  const key = SecretKey.fromHex(text);
  // The value is not echoed: it is a secret.
  if (!key) {
    errors.push('MWALLET_SECRET_KEY must be 64 hexadecimal characters (32 bytes): openssl rand -hex 32');
  }
  return key;
}
