// Reading customers: by id or phone, and locked inside a transaction (to decide for them, to close them, or to pay them).

import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { CUSTOMER_COLUMNS, type Customer, type CustomerRow, customerFromRow } from './customer.js';

export async function findCustomer(db: SqlExecutor, id: string): Promise<Customer | undefined> {
  const row = await db.get<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`, [id]);
  return row && customerFromRow(row);
}

/** The open wallet registered to an E.164 number, if any. */
export async function findCustomerByPhone(db: SqlExecutor, phone: string): Promise<Customer | undefined> {
  const row = await db.get<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE phone = $1 AND status = 'active'`,
    [phone],
  );
  return row && customerFromRow(row);
}

/** A payer, by id, and the open wallet registered to the payee's number (if any), read in one query. */
export async function findPayerAndPayee(
  db: SqlExecutor,
  payerId: string,
  payeePhone: string,
): Promise<{ payer: Customer | undefined; payee: Customer | undefined }> {
  const rows = await db.all<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1 OR (phone = $2 AND status = 'active')`,
    [payerId, payeePhone],
  );
  const customers = rows.map(customerFromRow);
  return {
    payer: customers.find((c) => c.id === payerId),
    payee: customers.find((c) => c.phone === payeePhone && c.status === 'active'),
  };
}

/** Open wallets by phone number (E.164), read in one query. */
export async function findCustomersByPhone(
  db: SqlExecutor,
  phones: string[],
): Promise<Map<string, Customer>> {
  if (phones.length === 0) return new Map();
  const rows = await db.all<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers
     WHERE status = 'active' AND phone IN (${placeholders(1, phones.length)})`,
    phones,
  );
  return new Map(rows.map(customerFromRow).map((c) => [c.phone, c]));
}

/**
 * Reads and locks a customer for the rest of the transaction (decisions on limits, PIN counters, locks). Payments to
 * this customer in flight hold only a key share of the row (see `lockPayerAndPayee`), so they neither wait for this
 * lock nor make it wait: receiving money never holds up the customer's own payments.
 */
export function lockCustomer(ctx: DomainContext, tx: SqlExecutor, id: string): Promise<Customer | undefined> {
  return lockCustomerRow(tx, id, ctx.db.forNoKeyUpdate);
}

/** Locks a customer like `lockCustomer`, and also waits for the payments in flight to them (closing the wallet). */
export function lockCustomerExclusively(
  ctx: DomainContext,
  tx: SqlExecutor,
  id: string,
): Promise<Customer | undefined> {
  return lockCustomerRow(tx, id, ctx.db.forUpdate);
}

/**
 * In one statement: locks the payer as `lockCustomer` does, and holds the payee's wallet open until the transaction
 * ends, with a key share of its row that only `lockCustomerExclusively` (closing) waits for. `payeeOpen` is false
 * when the payee's wallet is not open; true when there is no registered payee.
 */
export async function lockPayerAndPayee(
  ctx: DomainContext,
  tx: SqlExecutor,
  payerId: string,
  payeeId: string | undefined,
): Promise<{ payer: Customer | undefined; payeeOpen: boolean }> {
  const row = await tx.get<CustomerRow & { payee_status: string | null }>(
    `SELECT ${CUSTOMER_COLUMNS}, (SELECT status FROM customers WHERE id = $2${ctx.db.forKeyShare}) AS payee_status
     FROM customers WHERE id = $1${ctx.db.forNoKeyUpdate}`,
    [payerId, payeeId ?? null],
  );
  return {
    payer: row && customerFromRow(row),
    payeeOpen: payeeId === undefined || row?.payee_status === 'active',
  };
}

async function lockCustomerRow(
  tx: SqlExecutor,
  id: string,
  lockClause: string,
): Promise<Customer | undefined> {
  const row = await tx.get<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1${lockClause}`,
    [id],
  );
  return row && customerFromRow(row);
}
