// A merchant's orders listed newest first, by kind and status, one page at a time (the portal's payment requests screen).
import type { SqlExecutor, SqlValue } from '../../storage/sql/sql-database.js';
import {
  type MerchantOrder,
  ORDER_COLUMNS,
  type OrderKind,
  type OrderRow,
  orderFromRow,
} from './merchant-order.js';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './merchant-reports.js';
import { atStoreTills } from './store-scope.js';

export interface OrderListQuery {
  kind?: OrderKind;
  /** As stored: an open order past its expiry is still `open` here until the expiry job runs. */
  status?: MerchantOrder['status'];
  /** 1 to MAX_PAGE_SIZE. */
  limit: number;
  /** The `next` of the previous page. */
  before?: string;
  /** Only orders at this store's tills (a portal user assigned to a store). */
  storeId?: string;
}

export type OrderListResult =
  | { ok: true; orders: MerchantOrder[]; next: string | null }
  | { ok: false; error: 'invalid_query' };

export async function listOrders(
  db: SqlExecutor,
  merchantId: string,
  query: OrderListQuery,
): Promise<OrderListResult> {
  const cursor = query.before === undefined ? undefined : decodeCursor(query.before);
  const { limit } = query;
  if (cursor === null || !(Number.isSafeInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    return { ok: false, error: 'invalid_query' };
  }
  const params: SqlValue[] = [merchantId];
  const param = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = ['merchant_id = $1'];
  if (query.kind !== undefined) conditions.push(`kind = ${param(query.kind)}`);
  if (query.status !== undefined) conditions.push(`status = ${param(query.status)}`);
  if (query.storeId !== undefined) conditions.push(atStoreTills('till_id', param(query.storeId)));
  if (cursor) {
    const at = param(cursor.createdAt);
    conditions.push(`created_at <= ${at} AND (created_at < ${at} OR id < ${param(cursor.id)})`);
  }
  const rows = await db.all<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM merchant_orders WHERE ${conditions.join(' AND ')}
     ORDER BY created_at DESC, id DESC LIMIT ${param(BigInt(limit + 1))}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
  return { ok: true, orders: page.map(orderFromRow), next };
}
