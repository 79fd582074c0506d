// Reading a transaction for a partner client by its reference: a P2P payment, a merchant payment, a request, a reversal.

import type { DomainContext } from '../context.js';
import { findCustomer } from '../customers/customer-queries.js';
import { maskPhone } from '../customers/masking.js';
import { effectiveStatus, type MerchantOrder, type OrderStatus } from '../merchants/merchant-order.js';
import { findOrder } from '../merchants/merchant-orders.js';
import {
  type Disbursement,
  type DisbursementStatus,
  effectiveStatus as disbursementStatus,
  type Organisation,
} from '../payments/disbursement.js';
import { findDisbursement, ID_PREFIXES } from '../payments/disbursements.js';
import type { MerchantPayment, MerchantPaymentStatus } from '../payments/merchant-payment.js';
import { findMerchantPayment } from '../payments/merchant-payment-queries.js';
import type { Refund } from '../payments/merchant-refund.js';
import { findRefund } from '../payments/merchant-refunds.js';
import type { PaymentStatus } from '../payments/payment.js';
import { findPaymentById } from '../payments/payment-queries.js';
import type { ApiClient } from './api-client.js';
import { OPERATOR_ACCOUNT_ID } from './partner-parties.js';
import type { PartnerTransaction, PartnerTransactionStatus } from './partner-transaction.js';

const P2P_STATUS: Readonly<Record<PaymentStatus, PartnerTransactionStatus>> = {
  pending: 'pending',
  completed: 'completed',
  awaiting_claim: 'pending',
  claimed: 'completed',
  failed: 'failed',
  returned: 'reversed',
};

const ORDER_STATUS: Readonly<Record<OrderStatus, PartnerTransactionStatus>> = {
  open: 'pending',
  paid: 'completed',
  expired: 'failed',
  declined: 'failed',
  cancelled: 'failed',
};

const MERCHANT_PAYMENT_STATUS: Readonly<Record<MerchantPaymentStatus, PartnerTransactionStatus>> = {
  pending: 'pending',
  completed: 'completed',
  failed: 'failed',
  reversed: 'reversed',
};

const msisdn = (value: string) => [{ key: 'msisdn', value }];
const merchantAccount = (merchantId: string) => [{ key: 'accountid', value: merchantId }];

/** A P2P payment as a `transfer`. */
export async function transferTransaction(
  ctx: DomainContext,
  paymentId: string,
): Promise<PartnerTransaction | undefined> {
  const payment = await findPaymentById(ctx.db, paymentId);
  if (!payment) return undefined;
  const payer = await findCustomer(ctx.db, payment.customerId);
  return {
    reference: payment.id,
    type: 'transfer',
    status: P2P_STATUS[payment.status],
    amount: payment.amount,
    currency: payment.currency,
    debitParty: msisdn(payer?.phone ?? ''),
    creditParty: msisdn(payment.recipientPhone),
    description: payment.note,
    clientReference: null,
    createdAt: payment.createdAt,
    modifiedAt: payment.completedAt,
  };
}

/** A payment request as a `merchantpay`: pending until the customer confirms (completed) or declines (failed). */
export function paymentRequestTransaction(
  ctx: DomainContext,
  order: MerchantOrder,
  payerPhone: string,
  clientReference?: string,
): PartnerTransaction {
  return {
    reference: order.id,
    type: 'merchantpay',
    status: ORDER_STATUS[effectiveStatus(order, ctx.clock())],
    amount: order.amount,
    currency: order.currency,
    debitParty: msisdn(payerPhone),
    creditParty: merchantAccount(order.merchantId),
    description: order.description,
    clientReference: clientReference ?? order.reference,
    createdAt: order.createdAt,
    modifiedAt: null,
  };
}

/**
 * A merchant payment as a `merchantpay`. A merchant's client sees the payer's number masked, as the merchant
 * API shows it: a customer paying with a code does not give the merchant their number.
 */
export async function merchantPaymentTransaction(
  ctx: DomainContext,
  client: ApiClient,
  payment: MerchantPayment,
): Promise<PartnerTransaction> {
  const payer = await findCustomer(ctx.db, payment.customerId);
  const phone = payer?.phone ?? '';
  return {
    reference: payment.id,
    type: 'merchantpay',
    status: MERCHANT_PAYMENT_STATUS[payment.status],
    amount: payment.amount,
    currency: payment.currency,
    debitParty: msisdn(client.party.kind === 'operator' ? phone : maskPhone(phone)),
    creditParty: merchantAccount(payment.merchantId),
    description: payment.description,
    clientReference: payment.reference,
    createdAt: payment.createdAt,
    modifiedAt: payment.completedAt,
  };
}

/** A requested cash-out is pending until its customer confirms it (then pending until settled). */
const DISBURSEMENT_STATUS: Readonly<Record<DisbursementStatus, PartnerTransactionStatus>> = {
  requested: 'pending',
  pending: 'pending',
  completed: 'completed',
  failed: 'failed',
};

const REFUND_STATUS = { pending: 'pending', completed: 'completed', failed: 'failed' } as const;

/** A refund or staff reversal as the spec's reversal: money back from the merchant to the customer. */
export async function reversalTransaction(
  ctx: DomainContext,
  client: ApiClient,
  refund: Refund,
): Promise<PartnerTransaction | undefined> {
  const payment = await findMerchantPayment(ctx.db, refund.paymentId);
  if (!payment) return undefined;
  const original = await merchantPaymentTransaction(ctx, client, payment);
  return {
    reference: refund.id,
    type: 'reversal',
    status: REFUND_STATUS[refund.status],
    amount: refund.amount,
    currency: payment.currency,
    debitParty: original.creditParty,
    creditParty: original.debitParty,
    description: refund.reason,
    clientReference: null,
    originalReference: payment.id,
    createdAt: refund.createdAt,
    modifiedAt: refund.completedAt,
  };
}

/** A reversal (refund or staff reversal) by its id, if this client may see its payment. */
async function viewReversal(
  ctx: DomainContext,
  client: ApiClient,
  reference: string,
): Promise<PartnerTransaction | undefined> {
  const refund = await findRefund(ctx, reference);
  if (!refund) return undefined;
  if (client.party.kind === 'merchant' && client.party.merchantId !== refund.merchantId) return undefined;
  return reversalTransaction(ctx, client, refund);
}

/** How an organisation is named as a party: its merchant or agent id, or the operator's account. */
function organisationAccountId(organisation: Organisation): string {
  if (organisation.kind === 'merchant') return organisation.merchantId;
  if (organisation.kind === 'agent') return organisation.agentId;
  return OPERATOR_ACCOUNT_ID;
}

/** A disbursement, adjustment, cash-in or cash-out: the organisation's account on one side, the wallet on the other. */
export async function disbursementTransaction(
  ctx: DomainContext,
  disbursement: Disbursement,
): Promise<PartnerTransaction> {
  const customer = await findCustomer(ctx.db, disbursement.customerId);
  const { organisation } = disbursement;
  const wallet = msisdn(customer?.phone ?? '');
  const account = merchantAccount(organisationAccountId(organisation));
  const credit = disbursement.direction === 'credit';
  return {
    reference: disbursement.id,
    type: disbursement.kind,
    status: DISBURSEMENT_STATUS[disbursementStatus(disbursement, ctx.clock())],
    amount: disbursement.amount,
    currency: disbursement.currency,
    debitParty: credit ? account : wallet,
    creditParty: credit ? wallet : account,
    description: disbursement.description,
    clientReference: disbursement.reference,
    createdAt: disbursement.createdAt,
    modifiedAt: disbursement.completedAt,
  };
}

/** Whether this client may see a transaction of this merchant (null: between customers). */
function mayView(client: ApiClient, merchantId: string | null): boolean {
  const { party } = client;
  return party.kind === 'operator' || (party.kind === 'merchant' && party.merchantId === merchantId);
}

/** Whether this client may see a movement of this organisation: the operator's clients see all. */
function mayViewOrganisation(client: ApiClient, organisation: Organisation): boolean {
  const { party } = client;
  if (party.kind === 'operator') return true;
  if (party.kind === 'agent') return organisation.kind === 'agent' && organisation.agentId === party.agentId;
  return organisation.kind === 'merchant' && organisation.merchantId === party.merchantId;
}

const DISBURSEMENT_PREFIXES = Object.values(ID_PREFIXES).map((prefix) => `${prefix}_`);

/** The transaction with this reference, if the client may see it (no hint that anyone else's exists). */
export async function viewTransaction(
  ctx: DomainContext,
  client: ApiClient,
  reference: string,
): Promise<PartnerTransaction | undefined> {
  if (reference.startsWith('pay_')) {
    return mayView(client, null) ? transferTransaction(ctx, reference) : undefined;
  }
  if (reference.startsWith('ref_') || reference.startsWith('rev_'))
    return viewReversal(ctx, client, reference);
  if (DISBURSEMENT_PREFIXES.some((prefix) => reference.startsWith(prefix))) {
    const disbursement = await findDisbursement(ctx, reference);
    if (!disbursement || !mayViewOrganisation(client, disbursement.organisation)) return undefined;
    return disbursementTransaction(ctx, disbursement);
  }
  if (reference.startsWith('mpy_')) {
    const payment = await findMerchantPayment(ctx.db, reference);
    if (!payment || !mayView(client, payment.merchantId)) return undefined;
    return merchantPaymentTransaction(ctx, client, payment);
  }
  if (reference.startsWith('ord_')) {
    const order = await findOrder(ctx.db, reference);
    // Orders addressed to a customer: payment requests, and payment codes waiting for the customer's PIN.
    if (!order?.customerId) return undefined;
    if (!mayView(client, order.merchantId)) return undefined;
    const payer = await findCustomer(ctx.db, order.customerId);
    // The merchant named the payer of a request; a code's payer it knows only masked.
    const phone = payer?.phone ?? '';
    const shown =
      client.party.kind === 'operator' || order.kind === 'payment_request' ? phone : maskPhone(phone);
    const viewed = paymentRequestTransaction(ctx, order, shown);
    const payment = order.paymentId === null ? undefined : await findMerchantPayment(ctx.db, order.paymentId);
    if (!payment) return viewed;
    return { ...viewed, status: MERCHANT_PAYMENT_STATUS[payment.status], modifiedAt: payment.completedAt };
  }
  return undefined;
}
