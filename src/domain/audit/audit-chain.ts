// The audit log's hash chain: each entry's SHA-256 covers the previous entry's hash and a canonical encoding of itself.
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';

/** The "previous hash" of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields an entry's hash covers (details as its stored JSON text). */
export interface ChainedEntry {
  seq: bigint;
  id: string;
  at: bigint;
  actor: string;
  action: string;
  subject: string;
  details: string;
}

/** An array of strings in a fixed order: JSON gives it one encoding, with no field able to shift into the next. */
function canonical(entry: ChainedEntry): string {
  return JSON.stringify([
    entry.seq.toString(),
    entry.id,
    entry.at.toString(),
    entry.actor,
    entry.action,
    entry.subject,
    entry.details,
  ]);
}

export function entryHash(previousHash: string, entry: ChainedEntry): string {
  return createHash('sha256')
    .update(`${previousHash}\n${canonical(entry)}`)
    .digest('hex');
}

interface ChainRow extends ChainedEntry {
  [column: string]: unknown;
  prev_hash: string | null;
  hash: string | null;
}

const CHAIN_COLUMNS = 'seq, id, at, actor, action, subject, details, prev_hash, hash';
const VERIFY_PAGE = 1000;

export type ChainVerdict =
  | { ok: true; entries: number; headHash: string }
  | {
      ok: false;
      entries: number;
      brokenAt: number;
      reason: 'hash_mismatch' | 'link_mismatch' | 'gap' | 'head_mismatch';
    };

/**
 * Recomputes the chain from the first entry: every hash, every link to the previous hash, consecutive sequence
 * numbers from 1, and the chain head (so a deleted last entry shows too). Reports the first broken sequence number.
 */
export async function verifyAuditChain(db: SqlExecutor): Promise<ChainVerdict> {
  let previous = GENESIS_HASH;
  let expected = 1n;
  for (;;) {
    const rows = await db.all<ChainRow>(
      `SELECT ${CHAIN_COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT ${VERIFY_PAGE}`,
      [expected],
    );
    for (const row of rows) {
      const seq = BigInt(row.seq);
      const entries = Number(expected - 1n);
      if (seq !== expected) return { ok: false, entries, brokenAt: Number(expected), reason: 'gap' };
      if (row.prev_hash !== previous)
        return { ok: false, entries, brokenAt: Number(seq), reason: 'link_mismatch' };
      if (row.hash !== entryHash(previous, { ...row, seq, at: BigInt(row.at) })) {
        return { ok: false, entries, brokenAt: Number(seq), reason: 'hash_mismatch' };
      }
      previous = row.hash;
      expected = seq + 1n;
    }
    if (rows.length < VERIFY_PAGE) break;
  }
  const entries = Number(expected - 1n);
  const head = await db.get<{ seq: bigint; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE id = 1',
  );
  if (!head || BigInt(head.seq) !== expected - 1n || head.hash !== previous) {
    return { ok: false, entries, brokenAt: Number(expected), reason: 'head_mismatch' };
  }
  const unchained = await db.get<{ n: bigint }>('SELECT count(*) AS n FROM audit_log WHERE seq IS NULL');
  if (Number(unchained?.n ?? 0n) > 0)
    return { ok: false, entries, brokenAt: Number(expected), reason: 'gap' };
  return { ok: true, entries, headHash: previous };
}

/** Chains the entries written before the chain existed, oldest first (the migration that adds it; triggers off). */
export async function chainExistingEntries(tx: SqlExecutor): Promise<void> {
  const rows = await tx.all<ChainRow>(
    'SELECT id, at, actor, action, subject, details FROM audit_log ORDER BY at, id',
  );
  let previous = GENESIS_HASH;
  let seq = 0n;
  for (const row of rows) {
    seq += 1n;
    const hash = entryHash(previous, { ...row, seq, at: BigInt(row.at) });
    await tx.run('UPDATE audit_log SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4', [
      seq,
      previous,
      hash,
      row.id,
    ]);
    previous = hash;
  }
  await tx.run('INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, $1, $2)', [seq, previous]);
}
