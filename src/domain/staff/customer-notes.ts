// Staff notes on a customer: short texts kept with the author and time, shown in the customer 360.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';

export interface CustomerNote {
  id: string;
  author: string;
  body: string;
  createdAt: number;
}

export const NOTE_MAX_LENGTH = 1000;

export async function addCustomerNote(
  ctx: DomainContext,
  request: { customerId: string; body: string; actor: string },
): Promise<{ ok: true; note: CustomerNote } | { ok: false; error: 'customer_not_found' | 'invalid_note' }> {
  const body = request.body.trim();
  if (
    body.length === 0 ||
    [...body].length > NOTE_MAX_LENGTH ||
    /\p{Cc}/u.test(body.replace(/[\n\t]/g, ' '))
  ) {
    return { ok: false, error: 'invalid_note' };
  }
  const note: CustomerNote = { id: newId('note'), author: request.actor, body, createdAt: ctx.clock() };
  return ctx.db.transaction(async (tx) => {
    const customer = await tx.get('SELECT id FROM customers WHERE id = $1', [request.customerId]);
    if (!customer) return { ok: false, error: 'customer_not_found' } as const;
    await tx.run(
      'INSERT INTO customer_notes (id, customer_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5)',
      [note.id, request.customerId, note.author, note.body, BigInt(note.createdAt)],
    );
    await recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'customer.note',
        subject: `customer:${request.customerId}`,
        details: { note: note.id },
      },
      note.createdAt,
    );
    return { ok: true, note } as const;
  });
}

export async function listCustomerNotes(ctx: DomainContext, customerId: string): Promise<CustomerNote[]> {
  const rows = await ctx.db.all<{ id: string; author: string; body: string; created_at: bigint }>(
    'SELECT id, author, body, created_at FROM customer_notes WHERE customer_id = $1 ORDER BY created_at DESC, id LIMIT 100',
    [customerId],
  );
  return rows.map((row) => ({
    id: row.id,
    author: row.author,
    body: row.body,
    createdAt: Number(row.created_at),
  }));
}
