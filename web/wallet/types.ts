// The app API's answers the wallet reads (the subset of /openapi.json's schemas it uses).
export type Tier = 'class_1' | 'class_2' | 'class_3';

export interface Me {
  id: string;
  phone: string;
  name: string | null;
  tier: Tier;
  locale: string;
  locked: boolean;
  pinLocked: boolean;
  passwordFree: boolean;
}

export interface Wallet {
  balance: string;
  currency: string;
}

export const ENTRY_TYPES = [
  'p2p_sent',
  'p2p_received',
  'top_up',
  'fee',
  'merchant_payment',
  'refund',
  'disbursement',
  'adjustment',
  'cash_in',
  'cash_out',
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface HistoryEntry {
  id: string;
  type: EntryType;
  at: string;
  description: string;
  counterparty: string | null;
  amount: string;
  fee: string;
  balance: string;
  currency: string;
  reference: string | null;
  status: string;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  next: string | null;
}

export interface PaymentRequest {
  id: string;
  /** `cash_out`: an agent asks to pay the customer cash from the wallet; otherwise a merchant asks to be paid. */
  kind: string;
  payee: { kind: 'merchant' | 'agent'; id: string; name: string };
  reference: string;
  amount: string;
  currency: string;
  description?: string;
  status: string;
  expiresAt: string;
}

export interface MerchantPayment {
  id: string;
  status: string;
  merchant: { id: string; name: string };
  reference: string;
  amount: string;
  currency: string;
}
