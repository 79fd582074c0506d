// Migration 12: a cash-out an agent asks for waits for the customer as a `requested` withdrawal until it expires.
import type { SqlMigration } from '../../storage/sql/migrate.js';
import { DISBURSEMENT_DETAILS } from '../clients/gsma-schema.js';
import { DISBURSEMENT_KINDS, ONE_ORGANISATION } from './agent-schema.js';

const STATUSES = "status IN ('pending', 'completed', 'failed')";
const WITH_REQUESTED = "status IN ('requested', 'pending', 'completed', 'failed')";

/** SQLite cannot change a CHECK constraint: the table is rebuilt with the new status and the expiry column. */
const sqlite = `
CREATE TABLE disbursements_v12 (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (${DISBURSEMENT_KINDS}),
  merchant_id text REFERENCES merchants (id),
  operator_account text CHECK (operator_account IN ('feeRevenue', 'suspense')),
  agent_id text REFERENCES agents (id),
  ${DISBURSEMENT_DETAILS.replace(STATUSES, WITH_REQUESTED)}
  expires_at bigint,
  CHECK (${ONE_ORGANISATION}),
  UNIQUE (client_id, idempotency_key)
);
INSERT INTO disbursements_v12 (id, kind, merchant_id, operator_account, agent_id, customer_id, direction, client_id,
  idempotency_key, request_hash, amount, currency, description, reference, transfer_id, status, failure_code,
  created_at, completed_at, settling_until)
SELECT id, kind, merchant_id, operator_account, agent_id, customer_id, direction, client_id, idempotency_key,
  request_hash, amount, currency, description, reference, transfer_id, status, failure_code, created_at,
  completed_at, settling_until
FROM disbursements;
DROP TABLE disbursements;
ALTER TABLE disbursements_v12 RENAME TO disbursements;
CREATE INDEX disbursements_by_status ON disbursements (status, created_at);
CREATE INDEX disbursements_by_customer ON disbursements (customer_id, created_at);
`;

const postgres = `
ALTER TABLE disbursements ADD COLUMN expires_at bigint;
ALTER TABLE disbursements DROP CONSTRAINT disbursements_status_check;
ALTER TABLE disbursements ADD CONSTRAINT disbursements_status_check CHECK (${WITH_REQUESTED});
`;

export const cashOutRequestMigration: SqlMigration = {
  version: 12,
  name: 'cash-outs agents ask for, confirmed by the customer in the app (requested withdrawals)',
  script: { sqlite, postgres },
};
