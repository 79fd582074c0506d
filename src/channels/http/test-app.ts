// For HTTP tests: the whole app over a fresh database (in-memory SQLite, or a new PostgreSQL database), with a movable clock.
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/support/throwaway-postgres.js';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { deriveDomainKeys } from '../../domain/keys.js';
import { openPlatform, type Platform } from '../../domain/platform.js';
import { createLedger, type Ledger } from '../../ledger/ledger.js';
import { createLogger, type Logger } from '../../observability/logger.js';
import { createMetrics, type Metrics } from '../../observability/metrics.js';
import { SecretKey } from '../../secrets/secret-key.js';
import { openLedgerStore } from '../../storage/open-store.js';
import type { LedgerStore } from '../../storage/port.js';
import { openDatabase } from '../../storage/sql/open-database.js';

export type TestStorage = 'sqlite' | 'postgres';

export interface TestApp {
  app: FastifyInstance;
  metrics: Metrics;
  store: LedgerStore;
  ledger: Ledger;
  platform: Platform;
  /** Moves the clock of the domain and the ledger forward, in every process of the deployment (real time runs on too). */
  advance(ms: number): void;
  /** Closes the app, then the ledger and the databases (a PostgreSQL test database is dropped); so does app.close(). */
  close(): Promise<void>;
  /** What another server process of this deployment shares with it: the database, the secret key and the time. */
  readonly deployment: Deployment;
}

export interface Deployment {
  storageEnv: Record<string, string>;
  secretKey: SecretKey;
  /** How far the clocks are moved forward. */
  time: { offset: number };
}

export interface TestAppOptions {
  storage?: TestStorage;
  /** Extra environment for loadConfig, e.g. MWALLET_RATE_LIMIT. */
  env?: Record<string, string>;
  /** The app's logger (default: silent), for tests that read what is logged. */
  logger?: Logger;
  /**
   * Another server process of that app's deployment (same database and secret key; a SQLite one must be a file).
   * Close it before the app it joins, which drops the database.
   */
  joins?: TestApp;
}

function joining(app: TestApp): { env: Record<string, string>; drop(): Promise<void> } {
  const env = app.deployment.storageEnv;
  if (env.MWALLET_DB === ':memory:') throw new Error('an in-memory SQLite database cannot be joined');
  return { env, drop: async () => undefined };
}

async function testStorageEnv(
  storage: TestStorage,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (storage === 'sqlite') return { env: { MWALLET_DB: ':memory:' }, drop: async () => undefined };
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl)
    throw new Error('DATABASE_URL is not set: PostgreSQL HTTP tests need a server (npm test provides one)');
  const database = await createTestDatabase(baseUrl);
  return { env: { DATABASE_URL: database.url }, drop: database.drop };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const storage = options.joins ? joining(options.joins) : await testStorageEnv(options.storage ?? 'sqlite');
  const result = loadConfig({ MWALLET_RATE_LIMIT: '0', ...storage.env, ...options.env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const { config } = result;
  const time = options.joins?.deployment.time ?? { offset: 0 };
  const clock = () => Date.now() + time.offset;
  const store = await openLedgerStore(config.storage);
  await store.migrate();
  const db = openDatabase(config.storage);
  const metrics = createMetrics();
  const ledger = createLedger(store, { expiryIntervalMs: 0, clock: () => BigInt(clock()) * 1_000_000n });
  const secretKey = options.joins?.deployment.secretKey ?? SecretKey.generate();
  const platform = await openPlatform({
    db,
    ledger,
    clock,
    keys: deriveDomainKeys(secretKey),
    settings: config.wallet,
    sms: config.sms,
  });
  const app = createApp({
    config,
    store,
    ledger,
    logger: options.logger ?? createLogger('silent'),
    metrics,
    secretKey,
    version: '0.0.0-test',
    platform,
  });
  app.addHook('onClose', async () => {
    await platform.stop();
    await ledger.close();
    await db.close();
    await store.close();
    await storage.drop();
  });
  return {
    app,
    metrics,
    store,
    ledger,
    platform,
    advance(ms) {
      time.offset += ms;
    },
    close: () => app.close(),
    deployment: {
      storageEnv:
        config.storage.kind === 'sqlite'
          ? { MWALLET_DB: config.storage.path }
          : { DATABASE_URL: config.storage.url },
      secretKey,
      time,
    },
  };
}
