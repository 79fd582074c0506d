// Starts and stops the whole platform in-process: the runtime (storage, ledger, services) and the HTTP server.
import { readFile } from 'node:fs/promises';
import { createApp } from './app.js';
import { trackInFlight } from './channels/http/in-flight.js';
import type { Config } from './config.js';
import { type DemoData, loadDemoData } from './domain/demo.js';
import { registerLedgerMetrics } from './observability/ledger-metrics.js';
import type { Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { registerSqlMetrics } from './observability/sql-metrics.js';
import { once, openRuntime } from './runtime.js';

/** How long a shutdown waits for running request handlers. */
const HANDLER_DRAIN_MS = 10_000;

export interface RunningServer {
  /** Where the server listens, e.g. `http://127.0.0.1:8080` (the real port when config.port is 0). */
  url: string;
  /** The demo customers and merchants loaded (demo mode), to print with their PINs and till codes. */
  demo: DemoData;
  /** Stops accepting connections, lets in-flight requests finish, stops jobs, commits the ledger's queue, closes the databases. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const version = await readPackageVersion();
  const metrics = createMetrics();
  const ledgerMetrics = registerLedgerMetrics(metrics.registry);
  const runtime = await openRuntime(config, logger, {
    onCommit: ledgerMetrics.onCommit,
    sql: registerSqlMetrics(metrics.registry),
  });
  ledgerMetrics.watchQueue(runtime.ledger.queued);
  const { store, ledger, platform, secretKey } = runtime;
  const app = createApp({ config, store, ledger, logger, metrics, secretKey, version, platform });
  const inFlight = trackInFlight(app);
  let demo: DemoData = { customers: [], merchants: [], staff: [] };
  try {
    if (config.demo) demo = await loadDemoData(platform.ctx);
    await app.listen({ host: config.host, port: config.port });
    platform.start();
  } catch (error) {
    await app.close().catch(() => undefined);
    await runtime.close();
    throw error;
  }
  // HTTP first (in-flight requests finish), then the runtime (jobs, ledger queue, databases).
  const close = once(async () => {
    try {
      await app.close();
      // Handlers whose connections the close ended still run: they finish before the databases close.
      const left = await inFlight.drained(HANDLER_DRAIN_MS);
      if (left > 0) logger.warn({ left }, 'closing while request handlers still run');
    } finally {
      await runtime.close();
    }
  });
  return { url: app.listeningOrigin, demo, close };
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
