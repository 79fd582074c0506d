// Keeps what a portal user assigned to one store sees to that store's tills: payments, refunds, orders, reports.
import type { SqlExecutor, SqlValue } from '../../storage/sql/sql-database.js';

/** SQL condition: the till named by `tillColumn` (a column or expression) belongs to the store in `storeParam`. */
export function atStoreTills(tillColumn: string, storeParam: string): string {
  return `${tillColumn} IN (SELECT id FROM merchant_tills WHERE store_id = ${storeParam})`;
}

/**
 * Appends the store to `params` (once) and gives the ` AND …` condition keeping rows to its tills, for any
 * till column of the statement; without a store, no parameter and empty conditions.
 */
export function storeFilter(params: SqlValue[], storeId: string | undefined): (tillColumn: string) => string {
  if (storeId === undefined) return () => '';
  params.push(storeId);
  const storeParam = `$${params.length}`;
  return (tillColumn) => ` AND ${atStoreTills(tillColumn, storeParam)}`;
}

/** The till of a refund's payment, for keeping refunds to a store (`alias` is the refunds table's). */
export function refundTill(alias: string): string {
  return `(SELECT till_id FROM merchant_payments WHERE id = ${alias}.payment_id)`;
}

/** Whether the till belongs to the store (never for no till: online orders belong to no store). */
export async function tillAtStore(db: SqlExecutor, tillId: string | null, storeId: string): Promise<boolean> {
  if (tillId === null) return false;
  return (
    (await db.get('SELECT 1 AS found FROM merchant_tills WHERE id = $1 AND store_id = $2', [
      tillId,
      storeId,
    ])) !== undefined
  );
}
