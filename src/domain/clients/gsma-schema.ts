// Migration 9: disbursements and adjustments, and the GSMA API's request states, authorisation codes and batches.
import type { SqlMigration } from '../../storage/sql/migrate.js';

/** A disbursement's columns after its organisation (migration 10 rebuilds the table with them on SQLite). */
export const DISBURSEMENT_DETAILS = `customer_id text NOT NULL REFERENCES customers (id),
  direction text NOT NULL CHECK (direction IN ('credit', 'debit')),
  client_id text NOT NULL REFERENCES api_clients (id),
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  description text NOT NULL,
  reference text,
  transfer_id text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
  failure_code text,
  created_at bigint NOT NULL,
  completed_at bigint,
  settling_until bigint,`;

const tables = (bytes: string) => `
CREATE TABLE disbursements (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('disbursement', 'adjustment')),
  merchant_id text REFERENCES merchants (id),
  operator_account text CHECK (operator_account IN ('feeRevenue', 'suspense')),
  ${DISBURSEMENT_DETAILS}
  CHECK ((merchant_id IS NULL) <> (operator_account IS NULL)),
  UNIQUE (client_id, idempotency_key)
);
CREATE INDEX disbursements_by_status ON disbursements (status, created_at);
CREATE INDEX disbursements_by_customer ON disbursements (customer_id, created_at);
CREATE TABLE gsma_requests (
  server_correlation_id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES api_clients (id),
  client_correlation_id text,
  callback_url text,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
  object_reference text,
  response_status bigint,
  response text,
  created_at bigint NOT NULL,
  completed_at bigint,
  callback_attempts bigint NOT NULL DEFAULT 0,
  callback_next_at bigint,
  callback_delivered_at bigint,
  callback_error text
);
CREATE UNIQUE INDEX gsma_requests_by_correlation ON gsma_requests (client_id, client_correlation_id);
CREATE INDEX gsma_requests_callbacks_due ON gsma_requests (callback_next_at);
CREATE TABLE authorisation_codes (
  code_hash ${bytes} PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  client_id text NOT NULL REFERENCES api_clients (id),
  amount bigint CHECK (amount IS NULL OR amount > 0),
  amount_type text NOT NULL CHECK (amount_type IN ('exact', 'maximum')),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);
CREATE INDEX authorisation_codes_by_customer ON authorisation_codes (customer_id, created_at);
CREATE TABLE batches (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES api_clients (id),
  title text NOT NULL,
  description text NOT NULL,
  status text NOT NULL CHECK (status IN ('created', 'approved', 'completed')),
  item_count bigint NOT NULL,
  created_at bigint NOT NULL,
  approved_at bigint,
  completed_at bigint
);
CREATE INDEX batches_by_status ON batches (status);
CREATE TABLE batch_items (
  batch_id text NOT NULL REFERENCES batches (id),
  position bigint NOT NULL,
  request text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'rejected')),
  transaction_reference text,
  rejection_reason text,
  done_at bigint,
  PRIMARY KEY (batch_id, position)
);
CREATE INDEX batch_items_by_status ON batch_items (batch_id, status, position);
`;

export const gsmaMigration: SqlMigration = {
  version: 9,
  name: 'GSMA disbursements, adjustments, request states, authorisation codes and batches',
  script: { sqlite: tables('blob'), postgres: tables('bytea') },
};
