// KYC upgrades: the customer applies with name, document and birth date; staff approve or reject; the tier follows.
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import { TIER_NAMES, type TierName } from '../risk/tiers.js';
import { findCustomer, lockCustomer } from './customer-queries.js';
import { checkIdDocument, type IdType, idNumberDigest } from './id-document.js';

export const NAME_MAX_LENGTH = 64;

export interface KycRequest {
  name: string;
  idType: IdType;
  idNumber: string;
  birthDate: string;
  tier: TierName;
}

export type KycError =
  | 'invalid_name'
  | 'invalid_id_number'
  | 'birth_date_mismatch'
  | 'tier_not_higher'
  | 'kyc_pending_exists'
  | 'id_in_use'
  | 'unauthorized';

export interface KycApplication {
  id: string;
  customerId: string;
  requestedTier: TierName;
  name: string;
  idType: IdType;
  idNumberLast4: string;
  birthDate: string;
  status: 'pending' | 'approved' | 'rejected';
  submittedAt: number;
  decidedAt: number | null;
  decisionNote: string | null;
}

interface ApplicationRow {
  [column: string]: unknown;
  id: string;
  customer_id: string;
  requested_tier: TierName;
  name: string;
  id_type: IdType;
  id_number_last4: string;
  birth_date: string;
  status: 'pending' | 'approved' | 'rejected';
  submitted_at: bigint;
  decided_at: bigint | null;
  decision_note: string | null;
}

const COLUMNS =
  'id, customer_id, requested_tier, name, id_type, id_number_last4, birth_date, status, submitted_at, decided_at, decision_note';

function fromRow(row: ApplicationRow): KycApplication {
  return {
    id: row.id,
    customerId: row.customer_id,
    requestedTier: row.requested_tier,
    name: row.name,
    idType: row.id_type,
    idNumberLast4: row.id_number_last4,
    birthDate: row.birth_date,
    status: row.status,
    submittedAt: Number(row.submitted_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
    decisionNote: row.decision_note,
  };
}

/** A person's name as shown on their document: letters, marks, spaces, middle dots, apostrophes, hyphens. */
function validName(name: string): boolean {
  const trimmed = name.trim();
  return (
    trimmed.length > 0 && [...trimmed].length <= NAME_MAX_LENGTH && /^[\p{L}\p{M} ·'.-]+$/u.test(trimmed)
  );
}

export async function submitKyc(
  ctx: DomainContext,
  customerId: string,
  request: KycRequest,
): Promise<{ ok: true; application: KycApplication } | { ok: false; error: KycError; detail?: string }> {
  const customer = await findCustomer(ctx.db, customerId);
  if (!customer) return { ok: false, error: 'unauthorized' };
  if (!validName(request.name)) return { ok: false, error: 'invalid_name' };
  if (TIER_NAMES.indexOf(request.tier) <= TIER_NAMES.indexOf(customer.tier))
    return { ok: false, error: 'tier_not_higher' };
  const now = ctx.clock();
  const document = checkIdDocument(request.idType, request.idNumber, request.birthDate, new Date(now));
  if (!document.ok) return document;
  const digest = idNumberDigest(ctx, request.idType, document.number);
  const id = newId('kyc');
  return ctx.db.transaction(async (tx) => {
    await ctx.db.serialize(tx, `kyc:${customerId}`);
    const pending = await tx.get(
      `SELECT id FROM kyc_applications WHERE customer_id = $1 AND status = 'pending'`,
      [customerId],
    );
    if (pending) return { ok: false, error: 'kyc_pending_exists' } as const;
    const other = await tx.get(
      `SELECT id FROM customers WHERE id_number_hash = $1 AND status = 'active' AND id <> $2`,
      [digest.hash, customerId],
    );
    if (other) return { ok: false, error: 'id_in_use' } as const;
    await tx.run(
      `INSERT INTO kyc_applications (id, customer_id, requested_tier, name, birth_date, id_type, id_number_hash,
         id_number_last4, status, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)`,
      [
        id,
        customerId,
        request.tier,
        request.name.trim(),
        request.birthDate,
        request.idType,
        digest.hash,
        digest.last4,
        BigInt(now),
      ],
    );
    const row = await tx.get<ApplicationRow>(`SELECT ${COLUMNS} FROM kyc_applications WHERE id = $1`, [id]);
    if (!row) throw new Error('KYC application vanished inside its transaction');
    return { ok: true, application: fromRow(row) } as const;
  });
}

/** The customer's most recent application, if any. */
export async function latestKyc(ctx: DomainContext, customerId: string): Promise<KycApplication | undefined> {
  const row = await ctx.db.get<ApplicationRow>(
    `SELECT ${COLUMNS} FROM kyc_applications WHERE customer_id = $1 ORDER BY submitted_at DESC LIMIT 1`,
    [customerId],
  );
  return row && fromRow(row);
}

export async function listKyc(
  ctx: DomainContext,
  status: KycApplication['status'],
): Promise<KycApplication[]> {
  const rows = await ctx.db.all<ApplicationRow>(
    `SELECT ${COLUMNS} FROM kyc_applications WHERE status = $1 ORDER BY submitted_at LIMIT 500`,
    [status],
  );
  return rows.map(fromRow);
}

/** Staff decide a pending application; approval moves the customer to the requested tier with the verified identity. */
export async function reviewKyc(
  ctx: DomainContext,
  review: { applicationId: string; approve: boolean; actor: string; note: string },
): Promise<{ ok: true } | { ok: false; error: 'kyc_not_found' | 'kyc_already_decided' | 'id_in_use' }> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const row = await tx.get<ApplicationRow & { id_number_hash: Buffer }>(
      `SELECT ${COLUMNS}, id_number_hash FROM kyc_applications WHERE id = $1${ctx.db.forUpdate}`,
      [review.applicationId],
    );
    if (!row) return { ok: false, error: 'kyc_not_found' } as const;
    if (row.status !== 'pending') return { ok: false, error: 'kyc_already_decided' } as const;
    if (review.approve) {
      const other = await tx.get(
        `SELECT id FROM customers WHERE id_number_hash = $1 AND status = 'active' AND id <> $2`,
        [row.id_number_hash, row.customer_id],
      );
      if (other) return { ok: false, error: 'id_in_use' } as const;
      await tx.run(
        `UPDATE customers SET tier = $1, name = $2, birth_date = $3, id_type = $4, id_number_hash = $5, id_number_last4 = $6
         WHERE id = $7`,
        [
          row.requested_tier,
          row.name,
          row.birth_date,
          row.id_type,
          row.id_number_hash,
          row.id_number_last4,
          row.customer_id,
        ],
      );
    }
    await tx.run(
      'UPDATE kyc_applications SET status = $1, decided_at = $2, decided_by = $3, decision_note = $4 WHERE id = $5',
      [review.approve ? 'approved' : 'rejected', BigInt(now), review.actor, review.note, row.id],
    );
    await recordAudit(
      tx,
      {
        actor: review.actor,
        action: review.approve ? 'kyc.approve' : 'kyc.reject',
        subject: `customer:${row.customer_id}`,
        details: { application: row.id, tier: row.requested_tier, note: review.note },
      },
      now,
    );
    return { ok: true } as const;
  });
}

/**
 * The operator withdraws a verification (a document found forged or revoked): the customer is back in Class I and
 * its limits; the identity on file stays as the record of who held the wallet, and they may apply again. Audited;
 * a customer already in Class I is left as is.
 */
export async function withdrawKyc(
  ctx: DomainContext,
  request: { customerId: string; actor: string; note: string },
): Promise<{ ok: true } | { ok: false; error: 'customer_not_found' }> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const customer = await lockCustomer(ctx, tx, request.customerId);
    if (!customer) return { ok: false, error: 'customer_not_found' } as const;
    if (customer.tier === 'class_1') return { ok: true } as const;
    await tx.run("UPDATE customers SET tier = 'class_1' WHERE id = $1", [customer.id]);
    await recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'kyc.withdraw',
        subject: `customer:${customer.id}`,
        details: { from: customer.tier, note: request.note },
      },
      now,
    );
    return { ok: true } as const;
  });
}
