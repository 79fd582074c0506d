// The append-only, hash-chained audit log: every staff and operator action, written in the transaction that makes the change.

import { placeholders } from '../../storage/sql/placeholders.js';
import type { SqlExecutor, SqlValue } from '../../storage/sql/sql-database.js';
import { newId } from '../ids.js';
import { entryHash } from './audit-chain.js';

export interface AuditEntry {
  /** Who acted: `staff:<username>`, `cli:<user>`, `customer:<id>`, `system`. */
  actor: string;
  action: string;
  /** What was acted on, e.g. `customer:cus_…`. */
  subject: string;
  details: Record<string, string | number | boolean | null>;
}

/**
 * Appends an entry to the chain. Taking the next sequence number updates the one chain-head row, which
 * locks it until the transaction ends (a row lock on PostgreSQL, the writer's turn on SQLite): concurrent
 * writers append one after another, each linked to the hash its predecessor committed.
 */
export function recordAudit(tx: SqlExecutor, entry: AuditEntry, now: number): Promise<void> {
  return recordAudits(tx, [entry], now);
}

/** Appends several entries in order, with one turn at the chain head and one multi-row insert. */
export async function recordAudits(tx: SqlExecutor, entries: AuditEntry[], now: number): Promise<void> {
  if (entries.length === 0) return;
  const head = await tx.get<{ seq: bigint; hash: string }>(
    'UPDATE audit_chain_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash',
    [BigInt(entries.length)],
  );
  if (!head) throw new Error('the audit chain head is missing (migration 7 not applied?)');
  const first = BigInt(head.seq) - BigInt(entries.length) + 1n;
  let previous = head.hash;
  const values: SqlValue[] = [];
  const rows = entries.map((entry, i) => {
    const row = {
      seq: first + BigInt(i),
      id: newId('aud'),
      at: BigInt(now),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      details: JSON.stringify(entry.details),
    };
    const hash = entryHash(previous, row);
    values.push(row.id, row.at, row.actor, row.action, row.subject, row.details, row.seq, previous, hash);
    previous = hash;
    const p = values.length - 9;
    return `(${placeholders(p + 1, 9)})`;
  });
  await tx.run(
    `INSERT INTO audit_log (id, at, actor, action, subject, details, seq, prev_hash, hash) VALUES ${rows.join(', ')}`,
    values,
  );
  await tx.run('UPDATE audit_chain_head SET hash = $1 WHERE id = 1', [previous]);
}
