// Reading the audit log: newest first, filtered by actor, subject or action, paged by sequence number.
import type { SqlExecutor, SqlValue } from '../../storage/sql/sql-database.js';

export interface AuditQuery {
  actor?: string;
  subject?: string;
  action?: string;
  /** Only entries with a smaller sequence number (the `next` of a previous page). */
  before?: number;
  limit: number;
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  hash: string;
}

interface AuditRow {
  [column: string]: unknown;
  seq: bigint;
  id: string;
  at: bigint;
  actor: string;
  action: string;
  subject: string;
  details: string;
  hash: string;
}

export async function listAudit(
  db: SqlExecutor,
  query: AuditQuery,
): Promise<{ entries: AuditRecord[]; next: number | null }> {
  const conditions: string[] = ['seq IS NOT NULL'];
  const params: SqlValue[] = [];
  const filters: [string, string | undefined][] = [
    ['actor', query.actor],
    ['subject', query.subject],
    ['action', query.action],
  ];
  for (const [column, value] of filters) {
    if (value === undefined) continue;
    params.push(value);
    conditions.push(`${column} = $${params.length}`);
  }
  if (query.before !== undefined) {
    params.push(BigInt(query.before));
    conditions.push(`seq < $${params.length}`);
  }
  const rows = await db.all<AuditRow>(
    `SELECT seq, id, at, actor, action, subject, details, hash FROM audit_log
     WHERE ${conditions.join(' AND ')} ORDER BY seq DESC LIMIT ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const entries = page.map((row) => ({
    seq: Number(row.seq),
    id: row.id,
    at: new Date(Number(row.at)).toISOString(),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  }));
  const last = entries.at(-1);
  return { entries, next: rows.length > query.limit && last ? last.seq : null };
}
