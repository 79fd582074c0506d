// The merchant side's tables (merchants, stores, tills, users, credentials, orders, payments, refunds, webhooks).
import type { SqlMigration } from '../../storage/sql/migrate.js';

/** Times are milliseconds since the Unix epoch (UTC) in bigint columns; amounts are minor units. */
const merchantTables = (bytes: string) => `
CREATE TABLE merchants (
  id text PRIMARY KEY,
  name text NOT NULL,
  mcc text NOT NULL,
  licence_number text NOT NULL,
  contact_name text NOT NULL,
  contact_phone text NOT NULL,
  contact_email text NOT NULL,
  city text NOT NULL,
  country text NOT NULL,
  bank_name text NOT NULL,
  bank_account_number text NOT NULL,
  bank_account_holder text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'closed')),
  account_id text NOT NULL UNIQUE,
  rate_limit_per_minute bigint NOT NULL CHECK (rate_limit_per_minute > 0),
  webhook_url text,
  webhook_secret ${bytes},
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE UNIQUE INDEX merchants_one_per_licence ON merchants (licence_number) WHERE status <> 'closed';
CREATE TABLE merchant_stores (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  name text NOT NULL,
  city text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX merchant_stores_by_merchant ON merchant_stores (merchant_id);
CREATE TABLE merchant_tills (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  store_id text NOT NULL REFERENCES merchant_stores (id),
  name text NOT NULL,
  code text NOT NULL UNIQUE,
  created_at bigint NOT NULL
);
CREATE INDEX merchant_tills_by_merchant ON merchant_tills (merchant_id);
CREATE TABLE merchant_users (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  phone text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'cashier')),
  store_id text REFERENCES merchant_stores (id),
  created_at bigint NOT NULL,
  removed_at bigint
);
CREATE UNIQUE INDEX merchant_users_once ON merchant_users (merchant_id, phone) WHERE removed_at IS NULL;
CREATE TABLE merchant_credentials (
  key_id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  secret ${bytes} NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint
);
CREATE INDEX merchant_credentials_by_merchant ON merchant_credentials (merchant_id);
CREATE TABLE merchant_nonces (
  key_id text NOT NULL,
  nonce text NOT NULL,
  seen_at bigint NOT NULL,
  PRIMARY KEY (key_id, nonce)
);
CREATE INDEX merchant_nonces_by_age ON merchant_nonces (seen_at);
CREATE TABLE merchant_orders (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  kind text NOT NULL CHECK (kind IN ('dynamic_qr', 'payment_request', 'checkout', 'payment_code')),
  reference text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  description text NOT NULL,
  till_id text REFERENCES merchant_tills (id),
  customer_id text REFERENCES customers (id),
  return_url text,
  notify_url text,
  status text NOT NULL CHECK (status IN ('open', 'paid', 'expired', 'declined', 'cancelled')),
  payment_id text UNIQUE,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  closed_at bigint,
  UNIQUE (merchant_id, reference)
);
CREATE INDEX merchant_orders_open ON merchant_orders (status, expires_at);
CREATE INDEX merchant_orders_for_customer ON merchant_orders (customer_id, status);
CREATE TABLE payment_codes (
  code_hash ${bytes} PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  device_id text NOT NULL REFERENCES devices (id),
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);
CREATE INDEX payment_codes_by_customer ON payment_codes (customer_id, created_at);
CREATE TABLE merchant_payments (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  customer_id text NOT NULL REFERENCES customers (id),
  order_id text REFERENCES merchant_orders (id),
  channel text NOT NULL CHECK (channel IN ('static_qr', 'dynamic_qr', 'till_code', 'payment_code', 'payment_request', 'checkout')),
  till_id text REFERENCES merchant_tills (id),
  reference text NOT NULL,
  description text NOT NULL,
  idempotency_scope text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  fee bigint NOT NULL CHECK (fee >= 0 AND fee <= amount),
  refunded bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
  fee_refunded bigint NOT NULL DEFAULT 0 CHECK (fee_refunded >= 0 AND fee_refunded <= fee),
  currency text NOT NULL,
  transfer_id text NOT NULL UNIQUE,
  authentication text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'reversed')),
  failure_code text,
  created_at bigint NOT NULL,
  completed_at bigint,
  settling_until bigint,
  UNIQUE (idempotency_scope, idempotency_key)
);
CREATE INDEX merchant_payments_by_merchant ON merchant_payments (merchant_id, created_at);
CREATE INDEX merchant_payments_by_customer ON merchant_payments (customer_id, created_at);
CREATE INDEX merchant_payments_by_status ON merchant_payments (status, created_at);
CREATE INDEX merchant_payments_by_order ON merchant_payments (order_id);
CREATE TABLE merchant_refunds (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES merchant_payments (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  kind text NOT NULL CHECK (kind IN ('refund', 'reversal')),
  amount bigint NOT NULL CHECK (amount > 0),
  fee_refund bigint NOT NULL CHECK (fee_refund >= 0),
  reason text NOT NULL,
  idempotency_scope text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  transfer_id text NOT NULL UNIQUE,
  requested_by text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
  failure_code text,
  created_at bigint NOT NULL,
  completed_at bigint,
  settling_until bigint,
  UNIQUE (idempotency_scope, idempotency_key)
);
CREATE INDEX merchant_refunds_by_payment ON merchant_refunds (payment_id);
CREATE INDEX merchant_refunds_by_status ON merchant_refunds (status, created_at);
CREATE INDEX merchant_refunds_by_merchant ON merchant_refunds (merchant_id, created_at);
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  type text NOT NULL,
  url text NOT NULL,
  payload text NOT NULL,
  created_at bigint NOT NULL,
  attempts bigint NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  delivered_at bigint,
  given_up_at bigint
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at);
CREATE INDEX webhook_events_by_merchant ON webhook_events (merchant_id, created_at);
CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  event_id text NOT NULL REFERENCES webhook_events (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  attempt bigint NOT NULL,
  attempted_at bigint NOT NULL,
  status_code bigint,
  error text,
  duration_ms bigint NOT NULL
);
CREATE INDEX webhook_deliveries_by_merchant ON webhook_deliveries (merchant_id, attempted_at);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id, attempt);
`;

export const merchantMigration: SqlMigration = {
  version: 3,
  name: 'merchants',
  script: { sqlite: merchantTables('blob'), postgres: merchantTables('bytea') },
};
