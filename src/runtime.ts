// Opens everything but HTTP: data directory, secret key, ledger store and engine, domain database and services.
import { mkdir } from 'node:fs/promises';
import type { Config } from './config.js';
import { deriveDomainKeys } from './domain/keys.js';
import { openPlatform, type Platform } from './domain/platform.js';
import { createLedger, type Ledger, type LedgerOptions } from './ledger/ledger.js';
import type { Logger } from './observability/logger.js';
import { loadSecretKey, type SecretKey } from './secrets/secret-key.js';
import { openLedgerStore } from './storage/open-store.js';
import type { LedgerStore } from './storage/port.js';
import { countedDatabase, type SqlCounters } from './storage/sql/counted-database.js';
import { openDatabase } from './storage/sql/open-database.js';

export interface Runtime {
  store: LedgerStore;
  ledger: Ledger;
  platform: Platform;
  secretKey: SecretKey;
  /** Stops background work, commits the ledger's queue, closes the databases; each step runs even if one fails. */
  close(): Promise<void>;
}

/** Opens and migrates everything; on failure, closes what was opened and rethrows. */
/** Hooks the metrics give: the ledger's commits and the domain database's statements and transactions. */
export interface RuntimeHooks extends Pick<LedgerOptions, 'onCommit'> {
  sql?: SqlCounters;
}

export async function openRuntime(
  config: Config,
  logger: Logger,
  hooks: RuntimeHooks = {},
): Promise<Runtime> {
  await mkdir(config.dataDir, { recursive: true });
  const secret = await loadSecretKey(config.dataDir, config.secretKey);
  if (secret.source === 'generated') {
    logger.warn({ path: secret.path }, 'generated a new secret key: back it up together with the database');
  }
  const store = await openLedgerStore(config.storage);
  const opened = openDatabase(config.storage);
  const db = hooks.sql ? countedDatabase(opened, hooks.sql) : opened;
  const closers: (() => Promise<void>)[] = [() => store.close(), () => db.close()];
  const close = async () => {
    const failures: unknown[] = [];
    for (const closer of closers.reverse()) await closer().catch((error: unknown) => failures.push(error));
    closers.length = 0;
    if (failures.length > 0) throw failures[0];
  };
  try {
    await store.migrate();
    const ledger = createLedger(store, { ...config.ledger, onCommit: hooks.onCommit });
    closers.push(() => ledger.close());
    const platform = await openPlatform({
      db,
      ledger,
      clock: () => Date.now(),
      keys: deriveDomainKeys(secret.key),
      settings: config.wallet,
      sms: config.sms,
    });
    closers.push(() => platform.stop());
    return { store, ledger, platform, secretKey: secret.key, close: once(close) };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

export function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
