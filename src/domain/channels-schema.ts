// Tables of the feature-phone channels: USSD sessions any server process can continue, and SMS payment confirmations.
import type { SqlMigration } from '../storage/sql/migrate.js';

const channelTables = (bytes: string) => `
CREATE TABLE ussd_sessions (
  session_id text PRIMARY KEY,
  phone text NOT NULL,
  state text NOT NULL,
  inputs_seen bigint NOT NULL,
  last_request_hash ${bytes},
  last_reply text,
  updated_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX ussd_sessions_by_expiry ON ussd_sessions (expires_at);
CREATE TABLE sms_confirmations (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  code_hash ${bytes} NOT NULL,
  command text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);
CREATE INDEX sms_confirmations_by_customer ON sms_confirmations (customer_id, created_at);
CREATE TABLE sms_inbound (
  message_id text PRIMARY KEY,
  phone text NOT NULL,
  received_at bigint NOT NULL,
  answered_at bigint
);
CREATE INDEX sms_inbound_by_age ON sms_inbound (received_at);
`;

export const channelsMigration: SqlMigration = {
  version: 4,
  name: 'feature-phone channels',
  script: { sqlite: channelTables('blob'), postgres: channelTables('bytea') },
};
