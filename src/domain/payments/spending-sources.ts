// What counts as a customer's spending, row by row: one definition for the usage query, the daily totals' triggers and their backfill.

/** A table whose rows are spending while a predicate holds; `{r}` stands for the row (NEW, OLD or the table itself). */
export interface SpendingSource {
  table: 'payments' | 'merchant_payments' | 'disbursements';
  /** Whether the row counts: it moved or holds the customer's money. */
  counts: string;
  /** The amount spent, fee included when the customer pays it. */
  total: string;
  /** Whether the row was paid without a PIN (the small-payment daily allowance). */
  passwordFree: string;
}

const WITHOUT_PIN = "{r}.authentication IN ('none', 'sms_confirmation')";

/**
 * P2P payments (fee included when the sender pays it), merchant payments and cash-outs at agents, except those that
 * failed or whose money came back (returned unclaimed, reversed by staff). Cash-outs always need a code or the PIN.
 */
export const SPENDING_SOURCES: readonly SpendingSource[] = [
  {
    table: 'payments',
    counts: "{r}.status NOT IN ('failed', 'returned')",
    total: "{r}.amount + CASE WHEN {r}.fee_payer = 'sender' THEN {r}.fee ELSE 0 END",
    passwordFree: WITHOUT_PIN,
  },
  {
    table: 'merchant_payments',
    counts: "{r}.status NOT IN ('failed', 'reversed')",
    total: '{r}.amount',
    passwordFree: WITHOUT_PIN,
  },
  {
    table: 'disbursements',
    counts: "{r}.kind = 'withdrawal' AND {r}.status IN ('pending', 'completed')",
    total: '{r}.amount',
    passwordFree: '1 = 0',
  },
];

/** Milliseconds in a UTC day: daily totals are kept per UTC day, so they never depend on the operator's time zone. */
export const UTC_DAY_MS = 86_400_000;

/** The expression `sql` with the row placeholder replaced by `row`. */
export function forRow(sql: string, row: string): string {
  return sql.replaceAll('{r}', row);
}

/**
 * Every spending row that passes `filter` (SQL over the columns customer_id and created_at): customer_id, created_at,
 * total and the password-free share.
 */
export function spendingRows(filter: string): string {
  return SPENDING_SOURCES.map((s) => {
    const total = forRow(s.total, s.table);
    return `SELECT customer_id, created_at, ${total} AS total,
      CASE WHEN ${forRow(s.passwordFree, s.table)} THEN ${total} ELSE 0 END AS password_free
    FROM ${s.table} WHERE ${filter} AND ${forRow(s.counts, s.table)}`;
  }).join('\n    UNION ALL\n    ');
}
