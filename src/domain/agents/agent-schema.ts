// Agents (cash-in/cash-out points with their own float account), their clients and cash movements; app-made codes.
import type { SqlMigration } from '../../storage/sql/migrate.js';
import { DISBURSEMENT_DETAILS } from '../clients/gsma-schema.js';

const AGENTS = `
CREATE TABLE agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  phone text NOT NULL,
  account_id text NOT NULL UNIQUE,
  created_at bigint NOT NULL
);
ALTER TABLE api_clients ADD COLUMN agent_id text REFERENCES agents (id);
`;

export const DISBURSEMENT_KINDS = "kind IN ('disbursement', 'adjustment', 'deposit', 'withdrawal')";
/** Exactly one organisation: a merchant, an operator account or an agent. */
export const ONE_ORGANISATION =
  '(merchant_id IS NOT NULL) + (operator_account IS NOT NULL) + (agent_id IS NOT NULL) = 1';

/** SQLite cannot change a CHECK constraint: the table is rebuilt with the new kinds and the agent column. */
const sqliteDisbursements = `
CREATE TABLE disbursements_v10 (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (${DISBURSEMENT_KINDS}),
  merchant_id text REFERENCES merchants (id),
  operator_account text CHECK (operator_account IN ('feeRevenue', 'suspense')),
  agent_id text REFERENCES agents (id),
  ${DISBURSEMENT_DETAILS}
  CHECK (${ONE_ORGANISATION}),
  UNIQUE (client_id, idempotency_key)
);
INSERT INTO disbursements_v10 (id, kind, merchant_id, operator_account, customer_id, direction, client_id,
  idempotency_key, request_hash, amount, currency, description, reference, transfer_id, status, failure_code,
  created_at, completed_at, settling_until)
SELECT id, kind, merchant_id, operator_account, customer_id, direction, client_id, idempotency_key, request_hash,
  amount, currency, description, reference, transfer_id, status, failure_code, created_at, completed_at,
  settling_until
FROM disbursements;
DROP TABLE disbursements;
ALTER TABLE disbursements_v10 RENAME TO disbursements;
CREATE INDEX disbursements_by_status ON disbursements (status, created_at);
CREATE INDEX disbursements_by_customer ON disbursements (customer_id, created_at);
`;

const postgresDisbursements = `
ALTER TABLE disbursements ADD COLUMN agent_id text REFERENCES agents (id);
ALTER TABLE disbursements DROP CONSTRAINT disbursements_kind_check;
ALTER TABLE disbursements DROP CONSTRAINT disbursements_check;
ALTER TABLE disbursements ADD CONSTRAINT disbursements_kind_check CHECK (${DISBURSEMENT_KINDS});
ALTER TABLE disbursements ADD CONSTRAINT disbursements_one_organisation
  CHECK ((merchant_id IS NOT NULL)::int + (operator_account IS NOT NULL)::int + (agent_id IS NOT NULL)::int = 1);
`;

/** Customers make authorisation codes in the app too: a code's issuing client becomes optional. */
const sqliteCodes = (bytes: string) => `
CREATE TABLE authorisation_codes_v10 (
  code_hash ${bytes} PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  client_id text REFERENCES api_clients (id),
  amount bigint CHECK (amount IS NULL OR amount > 0),
  amount_type text NOT NULL CHECK (amount_type IN ('exact', 'maximum')),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);
INSERT INTO authorisation_codes_v10 SELECT code_hash, customer_id, client_id, amount, amount_type, created_at,
  expires_at, used_at FROM authorisation_codes;
DROP TABLE authorisation_codes;
ALTER TABLE authorisation_codes_v10 RENAME TO authorisation_codes;
CREATE INDEX authorisation_codes_by_customer ON authorisation_codes (customer_id, created_at);
`;

const postgresCodes = 'ALTER TABLE authorisation_codes ALTER COLUMN client_id DROP NOT NULL;';

export const agentsMigration: SqlMigration = {
  version: 10,
  name: 'agents, their API clients and cash-in/cash-out; customers’ own authorisation codes',
  script: {
    sqlite: AGENTS + sqliteDisbursements + sqliteCodes('blob'),
    postgres: AGENTS + postgresDisbursements + postgresCodes,
  },
};
