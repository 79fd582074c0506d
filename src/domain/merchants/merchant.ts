// A merchant as the domain sees it (business identity, settlement account, state), read from its table row.

export type MerchantStatus = 'pending' | 'active' | 'suspended' | 'closed';

export interface Merchant {
  id: string;
  name: string;
  /** ISO 18245 merchant category code: decides the merchant discount rate. */
  mcc: string;
  licenceNumber: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  city: string;
  country: string;
  bankName: string;
  bankAccountNumber: string;
  bankAccountHolder: string;
  status: MerchantStatus;
  /** The merchant's ledger account: payments in, fees and refunds out. */
  accountId: bigint;
  rateLimitPerMinute: number;
  webhookUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface MerchantRow {
  [column: string]: unknown;
  id: string;
  name: string;
  mcc: string;
  licence_number: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  city: string;
  country: string;
  bank_name: string;
  bank_account_number: string;
  bank_account_holder: string;
  status: MerchantStatus;
  account_id: string;
  rate_limit_per_minute: bigint;
  webhook_url: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export const MERCHANT_COLUMNS =
  'id, name, mcc, licence_number, contact_name, contact_phone, contact_email, city, country, bank_name, ' +
  'bank_account_number, bank_account_holder, status, account_id, rate_limit_per_minute, webhook_url, ' +
  'created_at, updated_at';

export function merchantFromRow(row: MerchantRow): Merchant {
  return {
    id: row.id,
    name: row.name,
    mcc: row.mcc,
    licenceNumber: row.licence_number,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    city: row.city,
    country: row.country,
    bankName: row.bank_name,
    bankAccountNumber: row.bank_account_number,
    bankAccountHolder: row.bank_account_holder,
    status: row.status,
    accountId: BigInt(row.account_id),
    rateLimitPerMinute: Number(row.rate_limit_per_minute),
    webhookUrl: row.webhook_url,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** What a merchant sees of its own record (the bank account number shortened to its last 4 digits). */
export function merchantView(merchant: Merchant) {
  return {
    id: merchant.id,
    name: merchant.name,
    mcc: merchant.mcc,
    licenceNumber: merchant.licenceNumber,
    contact: { name: merchant.contactName, phone: merchant.contactPhone, email: merchant.contactEmail },
    city: merchant.city,
    country: merchant.country,
    settlementAccount: {
      bank: merchant.bankName,
      holder: merchant.bankAccountHolder,
      last4: merchant.bankAccountNumber.slice(-4),
    },
    status: merchant.status,
    webhookUrl: merchant.webhookUrl,
    createdAt: new Date(merchant.createdAt).toISOString(),
  };
}

export type MerchantView = ReturnType<typeof merchantView>;
