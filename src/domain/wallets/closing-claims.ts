// A closing attempt's claim on an account holder (its closing transfer and a deadline), and undoing claims left behind.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newTransferBase } from '../ids.js';
import { freezeAccount, holdsMoney, unfreezeAccount } from './account-freeze.js';
import { walletBalance } from './accounts.js';
import { referenceTransferId } from './issuance.js';

/**
 * How long a closing attempt may hold its claim (from freezing the account to recording the closure); after that,
 * the recovery job (or the next attempt) reopens the account and drops the claim.
 */
export const CLOSURE_CLAIM_MS = 60_000;

/** Whose accounts close this way: the table, the column of their ledger account, and what "still open" means. */
export interface Holders {
  table: 'customers' | 'merchants';
  accountColumn: 'wallet_account_id' | 'account_id';
  /** SQL: the holder is not closed (a claim on it may be undone). */
  open: string;
  /** For the audit log: `customer:…`, `merchant:…`. */
  kind: 'customer' | 'merchant';
}

export const CUSTOMERS: Holders = {
  table: 'customers',
  accountColumn: 'wallet_account_id',
  open: "status = 'active'",
  kind: 'customer',
};

export const MERCHANTS: Holders = {
  table: 'merchants',
  accountColumn: 'account_id',
  open: "status <> 'closed'",
  kind: 'merchant',
};

/** A closing attempt's hold on an account: its closing transfer, and until when the claim is its own. */
export interface Claim {
  holders: Holders;
  id: string;
  account: bigint;
  transferId: bigint;
  until: bigint;
}

function claimDeadline(ctx: DomainContext): bigint {
  return BigInt(ctx.clock() + CLOSURE_CLAIM_MS);
}

/** The claim in progress on a holder, if any: its closing transfer id and until when it holds. */
export async function claimOf(
  tx: SqlExecutor,
  holders: Holders,
  id: string,
): Promise<{ transferId: bigint; until: bigint } | undefined> {
  const row = await tx.get<{ closing_transfer_id: string | null; closing_until: bigint | null }>(
    `SELECT closing_transfer_id, closing_until FROM ${holders.table} WHERE id = $1`,
    [id],
  );
  if (!row?.closing_transfer_id || row.closing_until === null) return undefined;
  return { transferId: BigInt(row.closing_transfer_id), until: BigInt(row.closing_until) };
}

/** Claims an open holder with no claim: a fresh closing transfer id and deadline. Undefined if another has one. */
export async function writeClaim(
  ctx: DomainContext,
  tx: SqlExecutor,
  holders: Holders,
  holder: { id: string; account: bigint },
): Promise<Claim | undefined> {
  const claim = { holders, ...holder, transferId: newTransferBase(), until: claimDeadline(ctx) };
  const claimed = await tx.run(
    `UPDATE ${holders.table} SET closing_transfer_id = $1, closing_until = $2
     WHERE id = $3 AND ${holders.open} AND closing_transfer_id IS NULL`,
    [claim.transferId.toString(), claim.until, holder.id],
  );
  return claimed === 1 ? claim : undefined;
}

/** Whether `tx` still sees this very claim on the holder (it was not taken over). */
export async function stillHeld(tx: SqlExecutor, claim: Claim): Promise<boolean> {
  const held = await claimOf(tx, claim.holders, claim.id);
  return held?.transferId === claim.transferId && held.until === claim.until;
}

/**
 * Takes a claim over from its attempt, if the holder is still open and the claim unchanged: from then on that attempt
 * can no longer record the closure. Undefined when the claim moved on, or the closure was recorded.
 */
async function takeOver(ctx: DomainContext, claim: Claim): Promise<Claim | undefined> {
  const until = claimDeadline(ctx);
  const { table, open } = claim.holders;
  const taken = await ctx.db.run(
    `UPDATE ${table} SET closing_until = $1 WHERE id = $2 AND ${open} AND closing_transfer_id = $3 AND closing_until = $4`,
    [until, claim.id, claim.transferId.toString(), claim.until],
  );
  return taken === 1 ? { ...claim, until } : undefined;
}

/**
 * Undoes a claim whose closure was not recorded: takes it over, reopens the account, drops the claim. False when
 * there was nothing to undo, or the ledger could not take it now (the claim then runs out and is tried again).
 */
export async function releaseClaim(ctx: DomainContext, claim: Claim): Promise<boolean> {
  const taken = await takeOver(ctx, claim);
  if (!taken || !(await unfreezeAccount(ctx, { transferId: taken.transferId, account: taken.account })))
    return false;
  const { table, open } = claim.holders;
  await ctx.db.run(
    `UPDATE ${table} SET closing_transfer_id = NULL, closing_until = NULL
     WHERE id = $1 AND ${open} AND closing_transfer_id = $2 AND closing_until = $3`,
    [taken.id, taken.transferId.toString(), taken.until],
  );
  return true;
}

/**
 * Reopens the accounts of holders whose closing attempt died (or ran out of time) with the account shut. Answers how
 * many it reopened; with `id`, looks at that holder only.
 */
export async function reopenAbandonedClosures(
  ctx: DomainContext,
  holders: Holders,
  id?: string,
): Promise<number> {
  const rows = await ctx.db.all<{
    id: string;
    account: string;
    closing_transfer_id: string;
    closing_until: bigint;
  }>(
    `SELECT id, ${holders.accountColumn} AS account, closing_transfer_id, closing_until FROM ${holders.table}
     WHERE ${holders.open} AND closing_until <= $1 ${id === undefined ? '' : 'AND id = $2'}
     ORDER BY closing_until LIMIT 1000`,
    id === undefined ? [BigInt(ctx.clock())] : [BigInt(ctx.clock()), id],
  );
  let reopened = 0;
  for (const row of rows) {
    const claim = {
      holders,
      id: row.id,
      account: BigInt(row.account),
      transferId: BigInt(row.closing_transfer_id),
      until: BigInt(row.closing_until),
    };
    if (await releaseClaim(ctx, claim)) reopened++;
  }
  return reopened;
}

/**
 * Shuts the ledger accounts of holders closed without one (closed before closing did so, or a merchant closed before
 * approval, which has no account yet): each gets a closing transfer of its own. One that holds money is frozen too,
 * and put on the audit log for staff to settle.
 */
export async function freezeClosedAccounts(ctx: DomainContext, holders: Holders): Promise<number> {
  const rows = await ctx.db.all<{ id: string; account: string }>(
    `SELECT id, ${holders.accountColumn} AS account FROM ${holders.table}
     WHERE status = 'closed' AND closing_transfer_id IS NULL ORDER BY id LIMIT 1000`,
  );
  let frozen = 0;
  for (const row of rows) {
    const account = BigInt(row.account);
    // The id its closing transfer has, or would have for an account never opened.
    const transferId = referenceTransferId(`${holders.kind}-closure`, row.id);
    const [opened] = await ctx.ledger.lookupAccounts([account]);
    if (opened && !(await freezeAccount(ctx, { transferId, account }))) continue;
    const held = holdsMoney(opened) ? await walletBalance(ctx.ledger, account) : undefined;
    await ctx.db.transaction(async (tx) => {
      const marked = await tx.run(
        `UPDATE ${holders.table} SET closing_transfer_id = $1 WHERE id = $2 AND closing_transfer_id IS NULL`,
        [transferId.toString(), row.id],
      );
      if (marked === 1 && held !== undefined) {
        const subject = `${holders.kind}:${row.id}`;
        const details = { balance: held.toString() };
        await recordAudit(
          tx,
          { actor: 'system', action: `${holders.kind}.closed_holding_money`, subject, details },
          ctx.clock(),
        );
      }
    });
    frozen++;
  }
  return frozen;
}
