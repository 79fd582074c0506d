// A transaction as the GSMA API shows it to a partner client (parties, status, amount), and the failures it reports.
import { type CurrencyCode, formatAmount } from '../../money/index.js';
import type { OrderError } from '../merchants/merchant-orders.js';
import type { ChargeError } from '../payments/merchant-charge.js';
import type { ConfirmError } from '../payments/p2p-confirm.js';
import type { CodeChargeResult } from '../payments/payment-codes.js';
import type { LimitName } from '../risk/tiers.js';

/** The transaction types this platform offers through the GSMA API so far. */
export type PartnerTransactionType =
  | 'transfer'
  | 'merchantpay'
  | 'disbursement'
  | 'adjustment'
  | 'reversal'
  /** Cash-in at an agent; in statements also a top-up of the wallet (e-money issued against the trust account). */
  | 'deposit'
  /** Cash-out at an agent. */
  | 'withdrawal';

/** One identifier of a party, as the spec's debitParty/creditParty entries: `{ key: 'msisdn', value: '+86…' }`. */
export interface PartyIdentifier {
  key: string;
  value: string;
}

export type PartnerTransactionStatus = 'pending' | 'completed' | 'failed' | 'reversed';

export interface PartnerTransaction {
  /** The platform's id of the record behind it: a P2P payment, a merchant payment or a payment request. */
  reference: string;
  type: PartnerTransactionType;
  status: PartnerTransactionStatus;
  amount: bigint;
  currency: CurrencyCode;
  debitParty: PartyIdentifier[];
  creditParty: PartyIdentifier[];
  description: string;
  /** The client's own reference, when it gave one. */
  clientReference: string | null;
  /** A reversal's original transaction. */
  originalReference?: string;
  createdAt: number;
  modifiedAt: number | null;
}

/** Why a transaction was refused or failed, in the terms the GSMA error codes distinguish. */
export type TransactionFailure =
  | 'not_permitted'
  | 'party_missing'
  | 'identifier_invalid'
  | 'identifier_type_unsupported'
  | 'account_not_found'
  | 'transaction_not_found'
  | 'currency_unsupported'
  | 'amount_invalid'
  | 'same_parties'
  | 'insufficient_funds'
  | 'limit_per_transaction'
  | 'limit_daily'
  | 'limit_monthly'
  | 'limit_total'
  | 'balance_cap_exceeded'
  | 'account_locked'
  | 'merchant_unavailable'
  | 'request_declined'
  | 'authorisation_code_invalid'
  | 'not_reversible'
  | 'not_pending'
  | 'reference_taken'
  | 'service_unavailable';

const LIMITS: Readonly<Record<LimitName, TransactionFailure>> = {
  per_transaction: 'limit_per_transaction',
  per_day: 'limit_daily',
  per_month: 'limit_monthly',
  per_year: 'limit_total',
  lifetime: 'limit_total',
};

/** Every refusal of the payment functions the GSMA API calls. */
type PaymentRefusal =
  | ConfirmError
  | ChargeError
  | OrderError
  | Extract<CodeChargeResult, { ok: false }>['error'];

/** Each payment refusal as the partner sees it: the customer's own authentication troubles are "declined". */
const REFUSALS: Readonly<
  Record<Exclude<PaymentRefusal, 'limit_exceeded' | 'pin_incorrect'>, TransactionFailure>
> = {
  payment_code_invalid: 'authorisation_code_invalid',
  quote_not_found: 'service_unavailable',
  quote_expired: 'request_declined',
  quote_used: 'request_declined',
  idempotency_conflict: 'request_declined',
  idempotency_in_progress: 'service_unavailable',
  pin_required: 'request_declined',
  otp_required: 'request_declined',
  confirmation_required: 'request_declined',
  pin_locked: 'account_locked',
  verification_invalid: 'request_declined',
  account_locked: 'account_locked',
  sim_swap_quarantine: 'request_declined',
  sms_limit_exceeded: 'request_declined',
  velocity_exceeded: 'request_declined',
  recipient_limit_exceeded: 'balance_cap_exceeded',
  invalid_phone: 'identifier_invalid',
  not_mobile: 'identifier_invalid',
  invalid_amount: 'amount_invalid',
  note_too_long: 'request_declined',
  self_payment: 'same_parties',
  amount_below_fee: 'amount_invalid',
  insufficient_funds: 'insufficient_funds',
  recipient_unavailable: 'account_not_found',
  service_unavailable: 'service_unavailable',
  merchant_unavailable: 'merchant_unavailable',
  order_paid: 'not_pending',
  order_expired: 'not_pending',
  order_closed: 'not_pending',
  invalid_order: 'request_declined',
  till_not_found: 'account_not_found',
  customer_not_found: 'account_not_found',
  order_reference_taken: 'reference_taken',
  webhook_url_invalid: 'request_declined',
  webhook_url_private: 'request_declined',
};

/** The failure a payment refusal amounts to (a limit by the limit that was reached). */
export function transactionFailure(error: PaymentRefusal, detail?: string): TransactionFailure {
  if (error === 'limit_exceeded') return LIMITS[detail as LimitName] ?? 'limit_total';
  if (error === 'pin_incorrect') return 'request_declined';
  return REFUSALS[error];
}

export interface TransactionRequest {
  type: PartnerTransactionType;
  amount: string;
  currency: string;
  debitParty: PartyIdentifier[];
  creditParty: PartyIdentifier[];
  description: string;
  clientReference?: string | undefined;
  /** merchantpay: the customer's one-time payment code, authorising a customer-initiated payment. */
  oneTimeCode?: string | undefined;
  /** The client's X-CorrelationID, when it sent one: the payment's own idempotency key too. */
  correlationId?: string | undefined;
}

export type TransactionResult =
  | { ok: true; transaction: PartnerTransaction }
  | { ok: false; error: TransactionFailure; field?: string };

/** The spec's transaction object (responseTransaction; also a valid responseTransactionType). */
export function transactionObject(transaction: PartnerTransaction) {
  return {
    transactionReference: transaction.reference,
    transactionStatus: transaction.status,
    type: transaction.type,
    amount: formatAmount({ value: transaction.amount, currency: transaction.currency }),
    currency: transaction.currency,
    debitParty: transaction.debitParty,
    creditParty: transaction.creditParty,
    ...(transaction.description === '' ? {} : { descriptionText: transaction.description.slice(0, 160) }),
    ...(transaction.originalReference === undefined
      ? {}
      : { originalTransactionReference: transaction.originalReference }),
    ...(transaction.clientReference === null
      ? {}
      : { requestingOrganisationTransactionReference: transaction.clientReference }),
    creationDate: new Date(transaction.createdAt).toISOString(),
    ...(transaction.modifiedAt === null
      ? {}
      : { modificationDate: new Date(transaction.modifiedAt).toISOString() }),
  };
}
