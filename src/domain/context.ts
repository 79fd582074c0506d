// What every domain service needs: the database, the ledger, the clock, the keys and the settings.
import type { Ledger } from '../ledger/ledger.js';
import type { SqlDatabase } from '../storage/sql/sql-database.js';
import type { Clock } from './clock.js';
import type { DomainKeys } from './keys.js';
import type { WalletSettings } from './settings.js';

export interface DomainContext {
  db: SqlDatabase;
  ledger: Ledger;
  clock: Clock;
  keys: DomainKeys;
  settings: WalletSettings;
}
