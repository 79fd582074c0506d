// For HTTP tests: the app over a migrated in-memory SQLite store, which is closed with the app.
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createLedger } from '../../ledger/ledger.js';
import { createLogger } from '../../observability/logger.js';
import { createMetrics, type Metrics } from '../../observability/metrics.js';
import { SecretKey } from '../../secrets/secret-key.js';
import { openLedgerStore } from '../../storage/open-store.js';
import type { LedgerStore } from '../../storage/port.js';

export interface TestApp {
  app: FastifyInstance;
  metrics: Metrics;
  store: LedgerStore;
}

export async function createTestApp(): Promise<TestApp> {
  const result = loadConfig({ MWALLET_DB: ':memory:' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const { config } = result;
  const store = await openLedgerStore(config.storage);
  await store.migrate();
  const metrics = createMetrics();
  const ledger = createLedger(store, { expiryIntervalMs: 0 });
  const app = createApp({
    config,
    store,
    ledger,
    logger: createLogger('silent'),
    metrics,
    secretKey: SecretKey.generate(),
    version: '0.0.0-test',
  });
  app.addHook('onClose', async () => {
    await ledger.close();
    await store.close();
  });
  return { app, metrics, store };
}
