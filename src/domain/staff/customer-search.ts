// Staff search for customers: by phone number (any typed form), part of the name, or identity document number.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { CUSTOMER_COLUMNS, type Customer, type CustomerRow, customerFromRow } from '../customers/customer.js';
import { ID_TYPES, idNumberDigest } from '../customers/id-document.js';
import { normalizePhone } from '../customers/phone.js';

export type CustomerQuery = { phone: string } | { name: string } | { idNumber: string };

export type SearchResult =
  | { ok: true; customers: Customer[] }
  | { ok: false; error: 'invalid_phone' | 'not_mobile' | 'invalid_query' };

const MAX_RESULTS = 50;

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function find(ctx: DomainContext, query: CustomerQuery): Promise<SearchResult> {
  const select = `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE`;
  const order = `ORDER BY created_at DESC LIMIT ${MAX_RESULTS}`;
  let rows: CustomerRow[];
  if ('phone' in query) {
    const phone = normalizePhone(query.phone, ctx.settings.defaultRegion);
    if (!phone.ok) return phone;
    rows = await ctx.db.all<CustomerRow>(`${select} phone = $1 ${order}`, [phone.e164]);
  } else if ('name' in query) {
    const name = query.name.trim();
    if (name.length === 0) return { ok: false, error: 'invalid_query' };
    rows = await ctx.db.all<CustomerRow>(`${select} lower(name) LIKE lower($1) ESCAPE '\\' ${order}`, [
      likeSubstring(name),
    ]);
  } else {
    // Stored as a keyed hash of type and number, as KYC keeps it: the number is tried as each type.
    const number = query.idNumber.trim().toUpperCase();
    if (!/^[0-9A-Z]{5,20}$/.test(number)) return { ok: false, error: 'invalid_query' };
    const [first, second] = ID_TYPES.map((type) => idNumberDigest(ctx, type, number).hash);
    rows = await ctx.db.all<CustomerRow>(`${select} id_number_hash IN ($1, $2) ${order}`, [
      first ?? null,
      second ?? null,
    ]);
  }
  return { ok: true, customers: rows.map(customerFromRow) };
}

/** Searches, and records who searched and how (not the term itself: it may be a document number). */
export async function searchCustomers(
  ctx: DomainContext,
  query: CustomerQuery,
  actor: string,
): Promise<SearchResult> {
  const result = await find(ctx, query);
  if (!result.ok) return result;
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor,
        action: 'customer.search',
        subject: 'customers',
        details: { by: Object.keys(query)[0] ?? 'unknown', results: result.customers.length },
      },
      ctx.clock(),
    ),
  );
  return result;
}
