// One-time confirmations of SMS payments: a 6-digit code per order, newest only, single use, 3 wrong codes void it.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { DomainContext } from '../../domain/context.js';
import { newId } from '../../domain/ids.js';
import { keyedHash } from '../../domain/keys.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';

/** What a confirmed SMS runs: amounts are canonical decimal strings, numbers E.164. */
export type SmsOrder =
  | { kind: 'send'; to: string; amount: string }
  | { kind: 'pay'; code: string; amount: string };

/** The `command` column: the order, and the wrong codes sent for it so far. */
interface Command {
  order: SmsOrder;
  wrongCodes: number;
}

interface ConfirmationRow {
  [column: string]: unknown;
  id: string;
  code_hash: Buffer;
  command: string;
}

const MAX_WRONG_CODES = 3;

/** A confirmation is closed (used, voided by a newer one or by wrong codes) by setting `used_at`. */
export type Answer =
  | { kind: 'none' }
  | { kind: 'wrong'; left: number }
  | { kind: 'voided' }
  | { kind: 'accepted'; id: string; order: SmsOrder };

const codeHash = (ctx: DomainContext, id: string, code: string) => keyedHash(ctx.keys.otp, `${id}:${code}`);

/** Confirmations of one customer are created and answered one at a time (PostgreSQL; SQLite already is). */
const serialize = (ctx: DomainContext, tx: SqlExecutor, customerId: string) =>
  ctx.db.serialize(tx, `sms-confirmation:${customerId}`);

/** Stores a confirmation for the order in the caller's transaction, voiding the customer's pending ones. */
export async function createConfirmation(
  ctx: DomainContext,
  tx: SqlExecutor,
  customerId: string,
  order: SmsOrder,
): Promise<{ id: string; code: string }> {
  const now = ctx.clock();
  const id = newId('smc');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await serialize(ctx, tx, customerId);
  await tx.run('UPDATE sms_confirmations SET used_at = $1 WHERE customer_id = $2 AND used_at IS NULL', [
    BigInt(now),
    customerId,
  ]);
  const command: Command = { order, wrongCodes: 0 };
  await tx.run(
    `INSERT INTO sms_confirmations (id, customer_id, code_hash, command, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      customerId,
      codeHash(ctx, id, code),
      JSON.stringify(command),
      BigInt(now),
      BigInt(now + ctx.settings.channels.smsConfirmationTtlMs),
    ],
  );
  return { id, code };
}

/** Checks a code against the customer's pending confirmation: accepted (and closed), wrong, or voided. */
export function answerConfirmation(ctx: DomainContext, customerId: string, code: string): Promise<Answer> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<Answer> => {
    await serialize(ctx, tx, customerId);
    const row = await tx.get<ConfirmationRow>(
      `SELECT id, code_hash, command FROM sms_confirmations
       WHERE customer_id = $1 AND used_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC LIMIT 1${ctx.db.forUpdate}`,
      [customerId, BigInt(now)],
    );
    if (!row) return { kind: 'none' };
    const command = JSON.parse(row.command) as Command;
    if (timingSafeEqual(codeHash(ctx, row.id, code), row.code_hash)) {
      await tx.run('UPDATE sms_confirmations SET used_at = $1 WHERE id = $2', [BigInt(now), row.id]);
      return { kind: 'accepted', id: row.id, order: command.order };
    }
    const wrongCodes = command.wrongCodes + 1;
    const voided = wrongCodes >= MAX_WRONG_CODES;
    await tx.run('UPDATE sms_confirmations SET command = $1, used_at = $2 WHERE id = $3', [
      JSON.stringify({ ...command, wrongCodes }),
      voided ? BigInt(now) : null,
      row.id,
    ]);
    return voided ? { kind: 'voided' } : { kind: 'wrong', left: MAX_WRONG_CODES - wrongCodes };
  });
}
