// The merchant portal's schema: login sessions of merchant users (opaque bearer tokens stored as keyed hashes), order listing.
import type { SqlMigration } from '../../storage/sql/migrate.js';

/** Times are milliseconds since the Unix epoch (UTC). A session dies at expires_at, or after idling past its limit. */
const portalSessions = (bytes: string) => `
CREATE TABLE merchant_sessions (
  token_hash ${bytes} PRIMARY KEY,
  id text NOT NULL UNIQUE,
  merchant_id text NOT NULL REFERENCES merchants (id),
  user_id text NOT NULL REFERENCES merchant_users (id),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX merchant_sessions_by_merchant ON merchant_sessions (merchant_id);
CREATE INDEX merchant_sessions_by_user ON merchant_sessions (user_id);
CREATE INDEX merchant_orders_by_merchant ON merchant_orders (merchant_id, created_at);
`;

export const portalMigration: SqlMigration = {
  version: 8,
  name: 'merchant portal sessions and order listing',
  script: { sqlite: portalSessions('blob'), postgres: portalSessions('bytea') },
};
