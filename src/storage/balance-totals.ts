// The one SQL query (valid on SQLite and PostgreSQL) that sums every account's balances in a single snapshot.
export const BALANCE_TOTALS_SQL = `SELECT
  count(*) AS accounts,
  coalesce(sum(debits_pending), 0) AS debits_pending,
  coalesce(sum(debits_posted), 0) AS debits_posted,
  coalesce(sum(credits_pending), 0) AS credits_pending,
  coalesce(sum(credits_posted), 0) AS credits_posted,
  coalesce(sum(CASE WHEN ((flags & 2) <> 0 AND debits_pending + debits_posted > credits_posted)
    OR ((flags & 4) <> 0 AND credits_pending + credits_posted > debits_posted) THEN 1 ELSE 0 END), 0) AS violations
  FROM accounts`;

/** Column values as the drivers return them (bigint, number or decimal text). */
export type BalanceTotalsRow = Record<
  'accounts' | 'debits_pending' | 'debits_posted' | 'credits_pending' | 'credits_posted' | 'violations',
  bigint | number | string
>;

export function balanceTotalsFromRow(row: BalanceTotalsRow) {
  return {
    accounts: Number(row.accounts),
    debitsPending: BigInt(row.debits_pending),
    debitsPosted: BigInt(row.debits_posted),
    creditsPending: BigInt(row.credits_pending),
    creditsPosted: BigInt(row.credits_posted),
    limitViolations: Number(row.violations),
  };
}
