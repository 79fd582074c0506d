// The one SQL query (valid on SQLite and PostgreSQL) that sums every account's balances in a single snapshot.
// Each balance is summed in two halves (high and low 32 bits) so that SQLite's 64-bit SUM cannot overflow
// for up to 2^31 accounts; the halves are combined exactly as bigint.
export const BALANCE_TOTALS_SQL = `SELECT
  count(*) AS accounts,
  coalesce(sum(debits_pending >> 32), 0) AS debits_pending_high,
  coalesce(sum(debits_pending & 4294967295), 0) AS debits_pending_low,
  coalesce(sum(debits_posted >> 32), 0) AS debits_posted_high,
  coalesce(sum(debits_posted & 4294967295), 0) AS debits_posted_low,
  coalesce(sum(credits_pending >> 32), 0) AS credits_pending_high,
  coalesce(sum(credits_pending & 4294967295), 0) AS credits_pending_low,
  coalesce(sum(credits_posted >> 32), 0) AS credits_posted_high,
  coalesce(sum(credits_posted & 4294967295), 0) AS credits_posted_low,
  coalesce(sum(CASE WHEN ((flags & 2) <> 0 AND debits_pending + debits_posted > credits_posted)
    OR ((flags & 4) <> 0 AND credits_pending + credits_posted > debits_posted) THEN 1 ELSE 0 END), 0) AS violations
  FROM accounts`;

/** Column values as the drivers return them (bigint, number or decimal text). */
type Balance = 'debits_pending' | 'debits_posted' | 'credits_pending' | 'credits_posted';
export type BalanceTotalsRow = Record<
  'accounts' | 'violations' | `${Balance}_high` | `${Balance}_low`,
  bigint | number | string
>;

function total(row: BalanceTotalsRow, balance: Balance): bigint {
  return (BigInt(row[`${balance}_high`]) << 32n) + BigInt(row[`${balance}_low`]);
}

export function balanceTotalsFromRow(row: BalanceTotalsRow) {
  return {
    accounts: Number(row.accounts),
    debitsPending: total(row, 'debits_pending'),
    debitsPosted: total(row, 'debits_posted'),
    creditsPending: total(row, 'credits_pending'),
    creditsPosted: total(row, 'credits_posted'),
    limitViolations: Number(row.violations),
  };
}
