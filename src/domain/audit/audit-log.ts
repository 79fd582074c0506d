// The append-only audit log: every staff and operator action, written in the transaction that makes the change.
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import { newId } from '../ids.js';

export interface AuditEntry {
  /** Who acted: `staff:<name>`, `cli:<user>`, `customer:<id>`, `system`. */
  actor: string;
  action: string;
  /** What was acted on, e.g. `customer:cus_…`. */
  subject: string;
  details: Record<string, string | number | boolean | null>;
}

export async function recordAudit(tx: SqlExecutor, entry: AuditEntry, now: number): Promise<void> {
  await tx.run(
    'INSERT INTO audit_log (id, at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [newId('aud'), BigInt(now), entry.actor, entry.action, entry.subject, JSON.stringify(entry.details)],
  );
}
