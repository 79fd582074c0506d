// A customer as the domain sees it, and how it is read from its table row.
import type { Locale } from '../notifications/messages.js';
import type { TierName } from '../risk/tiers.js';

export interface Customer {
  id: string;
  phone: string;
  walletAccountId: bigint;
  status: 'active' | 'closed';
  tier: TierName;
  locale: Locale;
  name: string | null;
  birthDate: string | null;
  idType: string | null;
  idNumberLast4: string | null;
  pinFailures: number;
  pinLockedAt: number | null;
  pinResetAt: number | null;
  /** Remote lock (lost phone) or staff lock: every outgoing payment is refused on every channel. */
  lockedAt: number | null;
  passwordFree: boolean;
  createdAt: number;
}

export interface CustomerRow {
  [column: string]: unknown;
  id: string;
  phone: string;
  wallet_account_id: string;
  status: 'active' | 'closed';
  tier: TierName;
  locale: Locale;
  name: string | null;
  birth_date: string | null;
  id_type: string | null;
  id_number_last4: string | null;
  pin_failures: bigint;
  pin_locked_at: bigint | null;
  pin_reset_at: bigint | null;
  locked_at: bigint | null;
  password_free: bigint;
  created_at: bigint;
}

export const CUSTOMER_COLUMNS =
  'id, phone, wallet_account_id, status, tier, locale, name, birth_date, id_type, id_number_last4, ' +
  'pin_failures, pin_locked_at, pin_reset_at, locked_at, password_free, created_at';

const time = (value: bigint | null): number | null => (value === null ? null : Number(value));

export function customerFromRow(row: CustomerRow): Customer {
  return {
    id: row.id,
    phone: row.phone,
    walletAccountId: BigInt(row.wallet_account_id),
    status: row.status,
    tier: row.tier,
    locale: row.locale,
    name: row.name,
    birthDate: row.birth_date,
    idType: row.id_type,
    idNumberLast4: row.id_number_last4,
    pinFailures: Number(row.pin_failures),
    pinLockedAt: time(row.pin_locked_at),
    pinResetAt: time(row.pin_reset_at),
    lockedAt: time(row.locked_at),
    passwordFree: row.password_free === 1n,
    createdAt: Number(row.created_at),
  };
}
