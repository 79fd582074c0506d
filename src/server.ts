// Starts and stops the whole platform in-process: data directory, secrets, storage, migrations, HTTP server.
import { mkdir, readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { deriveDomainKeys } from './domain/keys.js';
import { openPlatform, type Platform } from './domain/platform.js';
import { createLedger, type Ledger } from './ledger/ledger.js';
import { registerLedgerMetrics } from './observability/ledger-metrics.js';
import type { Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { loadSecretKey } from './secrets/secret-key.js';
import { openLedgerStore } from './storage/open-store.js';
import type { LedgerStore } from './storage/port.js';
import { openDatabase } from './storage/sql/open-database.js';
import type { SqlDatabase } from './storage/sql/sql-database.js';

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8080` (the real port when config.port is 0). */
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, commits the ledger's queue, closes the store. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const secret = await loadSecretKey(config.dataDir, config.secretKey);
  if (secret.source === 'generated') {
    logger.warn({ path: secret.path }, 'generated a new secret key: back it up together with the database');
  }
  const version = await readPackageVersion();
  const store = await openLedgerStore(config.storage);
  const db = openDatabase(config.storage);
  const metrics = createMetrics();
  let app: FastifyInstance | undefined;
  let ledger: Ledger | undefined;
  let platform: Platform | undefined;
  try {
    await store.migrate();
    const ledgerMetrics = registerLedgerMetrics(metrics.registry);
    ledger = createLedger(store, { ...config.ledger, onCommit: ledgerMetrics.onCommit });
    ledgerMetrics.watchQueue(ledger.queued);
    platform = await openPlatform({
      db,
      ledger,
      clock: () => Date.now(),
      keys: deriveDomainKeys(secret.key),
      settings: config.wallet,
      sms: config.sms,
    });
    app = createApp({ config, store, ledger, logger, metrics, secretKey: secret.key, version, platform });
    await app.listen({ host: config.host, port: config.port });
    platform.start();
  } catch (error) {
    await app?.close();
    await platform?.stop();
    await ledger?.close();
    await db.close();
    await store.close();
    throw error;
  }
  const running = { app, ledger, platform };
  return {
    url: app.listeningOrigin,
    close: once(() => stop(running.app, running.platform, running.ledger, db, store)),
  };
}

/** The version field of package.json, read when called (not at import). */
export async function readPackageVersion(): Promise<string> {
  // This module runs as dist/src/server.js: the package root is two levels up.
  const manifest: unknown = JSON.parse(
    await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest) {
    if (typeof manifest.version === 'string') return manifest.version;
  }
  throw new Error('package.json has no version');
}

/**
 * Stops taking requests, lets in-flight ones finish, stops background jobs, commits everything the
 * ledger accepted, then closes the databases. Each step runs even if an earlier one failed.
 */
async function stop(
  app: FastifyInstance,
  platform: Platform,
  ledger: Ledger,
  db: SqlDatabase,
  store: LedgerStore,
): Promise<void> {
  const steps = [
    () => app.close(),
    () => platform.stop(),
    () => ledger.close(),
    () => db.close(),
    () => store.close(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
