// Tables of the partner API clients (GSMA Mobile Money API): credentials kept only as hashes, and their OAuth2 access tokens.
import type { SqlMigration } from '../../storage/sql/migrate.js';

const clientTables = (bytes: string) => `
CREATE TABLE api_clients (
  id text PRIMARY KEY,
  name text NOT NULL,
  merchant_id text REFERENCES merchants (id),
  consumer_key text NOT NULL UNIQUE,
  secret_salt ${bytes} NOT NULL,
  secret_hash ${bytes} NOT NULL,
  api_key_hash ${bytes} NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  revoked_at bigint
);
CREATE TABLE api_client_tokens (
  token_hash ${bytes} PRIMARY KEY,
  client_id text NOT NULL REFERENCES api_clients (id),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX api_client_tokens_by_expiry ON api_client_tokens (expires_at);
`;

export const clientsMigration: SqlMigration = {
  version: 5,
  name: 'partner API clients',
  script: { sqlite: clientTables('blob'), postgres: clientTables('bytea') },
};
