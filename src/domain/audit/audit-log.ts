// The append-only, hash-chained audit log: every staff and operator action, written in the transaction that makes the change.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
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
export async function recordAudit(tx: SqlExecutor, entry: AuditEntry, now: number): Promise<void> {
  const head = await tx.get<{ seq: bigint; hash: string }>(
    'UPDATE audit_chain_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash',
  );
  if (!head) throw new Error('the audit chain head is missing (migration 7 not applied?)');
  const row = {
    seq: BigInt(head.seq),
    id: newId('aud'),
    at: BigInt(now),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: JSON.stringify(entry.details),
  };
  const hash = entryHash(head.hash, row);
  await tx.run(
    `INSERT INTO audit_log (id, at, actor, action, subject, details, seq, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [row.id, row.at, row.actor, row.action, row.subject, row.details, row.seq, head.hash, hash],
  );
  await tx.run('UPDATE audit_chain_head SET hash = $1 WHERE id = 1', [hash]);
}
