// Identity documents: validation by type, and the keyed hash + last 4 characters that are all we keep.
import type { DomainContext } from '../context.js';
import { keyedHash } from '../keys.js';
import { validateResidentId } from './resident-id.js';

export const ID_TYPES = ['resident_id', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];

export type IdCheck =
  | { ok: true; number: string; birthDate: string | null }
  | { ok: false; error: 'invalid_id_number' | 'birth_date_mismatch'; detail?: string };

/** Validates a document number; a PRC resident ID must also carry the stated birth date. */
export function checkIdDocument(type: IdType, number: string, birthDate: string, today: Date): IdCheck {
  if (type === 'resident_id') {
    const id = validateResidentId(number, today);
    if (!id.ok) return { ok: false, error: 'invalid_id_number', detail: id.error };
    if (id.birthDate !== birthDate) return { ok: false, error: 'birth_date_mismatch' };
    return { ok: true, number: id.id, birthDate: id.birthDate };
  }
  const passport = number.trim().toUpperCase();
  if (!/^[A-Z0-9]{5,20}$/.test(passport))
    return { ok: false, error: 'invalid_id_number', detail: 'passport_format' };
  return { ok: true, number: passport, birthDate: null };
}

/** What is stored of a document number: a keyed hash (to compare later) and the last 4 characters. */
export function idNumberDigest(
  ctx: DomainContext,
  type: IdType,
  number: string,
): { hash: Buffer; last4: string } {
  return { hash: keyedHash(ctx.keys.idNumbers, `${type}:${number}`), last4: number.slice(-4) };
}
