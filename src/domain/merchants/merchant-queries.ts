// Reading merchants, their stores and tills.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import {
  MERCHANT_COLUMNS,
  type Merchant,
  type MerchantRow,
  type MerchantStatus,
  merchantFromRow,
} from './merchant.js';

export async function findMerchant(db: SqlExecutor, id: string): Promise<Merchant | undefined> {
  const row = await db.get<MerchantRow>(`SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE id = $1`, [id]);
  return row && merchantFromRow(row);
}

/** Merchants in one state, oldest first (the review queue when pending). */
export async function listMerchantsByStatus(db: SqlExecutor, status: MerchantStatus): Promise<Merchant[]> {
  const rows = await db.all<MerchantRow>(
    `SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE status = $1 ORDER BY created_at LIMIT 500`,
    [status],
  );
  return rows.map(merchantFromRow);
}

export interface Till {
  id: string;
  merchantId: string;
  storeId: string;
  name: string;
  /** The short number customers type on a feature phone to pay this till. */
  code: string;
}

interface TillRow {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  store_id: string;
  name: string;
  code: string;
}

const TILL_COLUMNS = 'id, merchant_id, store_id, name, code';

const tillFromRow = (row: TillRow): Till => ({
  id: row.id,
  merchantId: row.merchant_id,
  storeId: row.store_id,
  name: row.name,
  code: row.code,
});

export async function findTill(
  db: SqlExecutor,
  merchantId: string,
  tillId: string,
): Promise<Till | undefined> {
  const row = await db.get<TillRow>(
    `SELECT ${TILL_COLUMNS} FROM merchant_tills WHERE id = $1 AND merchant_id = $2`,
    [tillId, merchantId],
  );
  return row && tillFromRow(row);
}

/** The merchant's columns from alias `m`, and the till's from alias `t` named `till_…`, to read both in one row. */
const MERCHANT_AND_TILL_COLUMNS = [
  ...MERCHANT_COLUMNS.split(', ').map((column) => `m.${column}`),
  ...TILL_COLUMNS.split(', ').map((column) => `t.${column} AS till_${column}`),
].join(', ');

/**
 * In one query: a merchant and, when `tillId` is not null, its till of that id (undefined when the merchant has no
 * such till).
 */
export async function findMerchantAndTill(
  db: SqlExecutor,
  merchantId: string,
  tillId: string | null,
): Promise<{ merchant: Merchant; till: Till | undefined } | undefined> {
  const row = await db.get<MerchantRow & { [column: `till_${string}`]: string | null }>(
    `SELECT ${MERCHANT_AND_TILL_COLUMNS} FROM merchants m
     LEFT JOIN merchant_tills t ON t.id = $2 AND t.merchant_id = m.id WHERE m.id = $1`,
    [merchantId, tillId],
  );
  if (!row) return undefined;
  const till =
    row.till_id === null || row.till_id === undefined
      ? undefined
      : tillFromRow({
          id: row.till_id,
          merchant_id: String(row.till_merchant_id),
          store_id: String(row.till_store_id),
          name: String(row.till_name),
          code: String(row.till_code),
        });
  return { merchant: merchantFromRow(row), till };
}

/** The till a customer means by its short code, whichever merchant it belongs to. */
export async function findTillByCode(db: SqlExecutor, code: string): Promise<Till | undefined> {
  const row = await db.get<TillRow>(`SELECT ${TILL_COLUMNS} FROM merchant_tills WHERE code = $1`, [code]);
  return row && tillFromRow(row);
}

export interface Store {
  id: string;
  name: string;
  city: string;
  tills: { id: string; name: string; code: string }[];
}

export async function findStore(
  db: SqlExecutor,
  merchantId: string,
  storeId: string,
): Promise<{ id: string; name: string; city: string } | undefined> {
  return db.get<{ id: string; name: string; city: string }>(
    'SELECT id, name, city FROM merchant_stores WHERE id = $1 AND merchant_id = $2',
    [storeId, merchantId],
  );
}

export async function listStores(db: SqlExecutor, merchantId: string): Promise<Store[]> {
  const stores = await db.all<{ id: string; name: string; city: string }>(
    'SELECT id, name, city FROM merchant_stores WHERE merchant_id = $1 ORDER BY created_at, id',
    [merchantId],
  );
  const tills = await db.all<TillRow>(
    `SELECT ${TILL_COLUMNS} FROM merchant_tills WHERE merchant_id = $1 ORDER BY created_at, id`,
    [merchantId],
  );
  return stores.map((store) => ({
    ...store,
    tills: tills
      .filter((till) => till.store_id === store.id)
      .map(({ id, name, code }) => ({ id, name, code })),
  }));
}
