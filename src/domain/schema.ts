// The domain's tables (customers, devices, sessions, codes, payments, outbox, audit) as migrations for both databases.
import type { SqlMigration } from '../storage/sql/migrate.js';
import { agentsMigration } from './agents/agent-schema.js';
import { cashOutRequestMigration } from './agents/cash-out-request-schema.js';
import { postgresAppendOnly, sqliteAppendOnly } from './audit/append-only.js';
import { channelsMigration } from './channels-schema.js';
import { clientsMigration } from './clients/client-schema.js';
import { gsmaMigration } from './clients/gsma-schema.js';
import { merchantMigration } from './merchants/merchant-schema.js';
import { portalMigration } from './merchants/portal-schema.js';
import { spendingMigration } from './payments/spending-schema.js';
import { staffMigration } from './staff/staff-schema.js';

/** Times are milliseconds since the Unix epoch (UTC) in bigint columns; flags are 0/1 bigints. */
const customersAndWallets = (bytes: string) => `
CREATE TABLE customers (
  id text PRIMARY KEY,
  phone text NOT NULL,
  wallet_account_id text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('active', 'closed')),
  tier text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  name text,
  birth_date text,
  id_type text,
  id_number_hash ${bytes},
  id_number_last4 text,
  pin_salt ${bytes} NOT NULL,
  pin_hash ${bytes} NOT NULL,
  pin_failures bigint NOT NULL DEFAULT 0 CHECK (pin_failures >= 0),
  pin_locked_at bigint,
  pin_reset_at bigint,
  locked_at bigint,
  lock_reason text,
  password_free bigint NOT NULL DEFAULT 0 CHECK (password_free IN (0, 1)),
  created_at bigint NOT NULL,
  closed_at bigint
);
CREATE UNIQUE INDEX customers_one_open_wallet_per_phone ON customers (phone) WHERE status = 'active';
CREATE TABLE kyc_applications (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  requested_tier text NOT NULL,
  name text NOT NULL,
  birth_date text NOT NULL,
  id_type text NOT NULL,
  id_number_hash ${bytes} NOT NULL,
  id_number_last4 text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  submitted_at bigint NOT NULL,
  decided_at bigint,
  decided_by text,
  decision_note text
);
CREATE INDEX kyc_applications_by_status ON kyc_applications (status, submitted_at);
CREATE INDEX kyc_applications_by_customer ON kyc_applications (customer_id, submitted_at);
CREATE TABLE otp_challenges (
  id text PRIMARY KEY,
  phone text NOT NULL,
  purpose text NOT NULL,
  code_hash ${bytes} NOT NULL,
  client_address text NOT NULL,
  attempts bigint NOT NULL DEFAULT 0,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  verified_at bigint,
  token_hash ${bytes} UNIQUE,
  token_used_at bigint
);
CREATE INDEX otp_challenges_by_phone ON otp_challenges (phone, created_at);
CREATE INDEX otp_challenges_by_address ON otp_challenges (client_address, created_at);
CREATE TABLE devices (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  device_key text NOT NULL,
  name text NOT NULL,
  bound_by text NOT NULL CHECK (bound_by IN ('registration', 'sms_code')),
  bound_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  revoked_at bigint
);
CREATE UNIQUE INDEX devices_bound_once ON devices (customer_id, device_key) WHERE revoked_at IS NULL;
CREATE TABLE sessions (
  token_hash ${bytes} PRIMARY KEY,
  id text NOT NULL UNIQUE,
  customer_id text NOT NULL REFERENCES customers (id),
  device_id text NOT NULL REFERENCES devices (id),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX sessions_by_customer ON sessions (customer_id);
CREATE TABLE p2p_quotes (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  recipient_phone text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  fee bigint NOT NULL CHECK (fee >= 0),
  fee_payer text NOT NULL CHECK (fee_payer IN ('sender', 'recipient')),
  currency text NOT NULL,
  note text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE TABLE payments (
  id text PRIMARY KEY,
  kind text NOT NULL,
  customer_id text NOT NULL REFERENCES customers (id),
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  quote_id text UNIQUE,
  recipient_phone text NOT NULL,
  recipient_customer_id text REFERENCES customers (id),
  amount bigint NOT NULL CHECK (amount > 0),
  fee bigint NOT NULL CHECK (fee >= 0),
  fee_payer text NOT NULL,
  currency text NOT NULL,
  note text NOT NULL,
  transfer_id text NOT NULL UNIQUE,
  authentication text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'awaiting_claim', 'claimed', 'returned')),
  failure_code text,
  created_at bigint NOT NULL,
  completed_at bigint,
  claim_expires_at bigint,
  UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX payments_by_sender ON payments (customer_id, created_at);
CREATE INDEX payments_awaiting_claim ON payments (recipient_phone, status);
CREATE INDEX payments_by_status ON payments (status, created_at);
CREATE TABLE sim_swaps (
  phone text NOT NULL,
  swapped_at bigint NOT NULL,
  recorded_by text NOT NULL,
  PRIMARY KEY (phone, swapped_at)
);
CREATE TABLE outbox (
  id text PRIMARY KEY,
  customer_id text,
  phone text NOT NULL,
  locale text NOT NULL,
  message text NOT NULL,
  created_at bigint NOT NULL,
  attempts bigint NOT NULL DEFAULT 0,
  next_attempt_at bigint NOT NULL,
  delivered_at bigint,
  last_error text
);
CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at);
CREATE TABLE sms_dev_outbox (
  seq ${bytes === 'bytea' ? 'bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY' : 'integer PRIMARY KEY AUTOINCREMENT'},
  phone text NOT NULL,
  text text NOT NULL,
  sent_at bigint NOT NULL
);
CREATE TABLE idempotency_records (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done')),
  response ${bytes},
  created_at bigint NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE TABLE audit_log (
  id text PRIMARY KEY,
  at bigint NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  details text NOT NULL
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, at);
`;

/** A closing attempt's claim on a holder (see wallets/closing-claims.ts), and the indexes its recovery job reads. */
const closingClaims = (
  table: 'customers' | 'merchants',
) => `ALTER TABLE ${table} ADD COLUMN closing_transfer_id text;
ALTER TABLE ${table} ADD COLUMN closing_until bigint;
CREATE INDEX ${table}_closing ON ${table} (closing_until) WHERE closing_until IS NOT NULL;
CREATE INDEX ${table}_closed_unfrozen ON ${table} (id) WHERE status = 'closed' AND closing_transfer_id IS NULL;`;

export const domainMigrations: readonly SqlMigration[] = [
  {
    version: 1,
    name: 'customers and wallets',
    script: {
      sqlite: customersAndWallets('blob') + sqliteAppendOnly('audit_log'),
      postgres: customersAndWallets('bytea') + postgresAppendOnly('audit_log'),
    },
  },
  {
    version: 2,
    name: 'payments by payee (new-payee check)',
    script: 'CREATE INDEX payments_by_payee ON payments (customer_id, recipient_phone);',
  },
  merchantMigration,
  channelsMigration,
  clientsMigration,
  {
    version: 6,
    name: 'P2P payments get a settlement lease',
    script: 'ALTER TABLE payments ADD COLUMN settling_until bigint;',
  },
  staffMigration,
  portalMigration,
  gsmaMigration,
  agentsMigration,
  {
    version: 11,
    name: 'staff must replace a generated initial password at their first login',
    script: 'ALTER TABLE staff ADD COLUMN password_change_required bigint NOT NULL DEFAULT 0;',
  },
  cashOutRequestMigration,
  spendingMigration,
  {
    version: 16,
    name: 'closing a wallet claims it, with the closing transfer that shuts its ledger account',
    script: closingClaims('customers'),
  },
  {
    version: 17,
    name: 'closing a merchant shuts its ledger account',
    script: closingClaims('merchants'),
  },
];
