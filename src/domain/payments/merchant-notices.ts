// What a merchant payment's outcome tells people: the merchant's webhook and the customer's SMS.
import { formatAmountForDisplay } from '../../money/index.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { Customer } from '../customers/customer.js';
import { enqueueWebhookEvent } from '../events/webhook-outbox.js';
import type { Merchant } from '../merchants/merchant.js';
import { notifyCustomer } from '../notifications/notify.js';
import { type MerchantPayment, merchantPaymentView } from './merchant-payment.js';

export type MerchantEventType =
  | 'payment.succeeded'
  | 'payment.failed'
  | 'refund.succeeded'
  | 'refund.failed'
  | 'payment.reversed'
  | 'payment_request.expired'
  | 'payment_request.declined'
  | 'checkout.expired'
  | 'dynamic_qr.expired';

/** Queues a webhook event to the order's notify URL or else the merchant's webhook URL (none: nothing sent). */
export async function queueMerchantEvent(
  tx: SqlExecutor,
  merchant: Merchant,
  event: { id: string; type: MerchantEventType; notifyUrl: string | null; data: Record<string, unknown> },
  now: number,
): Promise<void> {
  const url = event.notifyUrl ?? merchant.webhookUrl;
  if (url === null) return;
  await enqueueWebhookEvent(
    tx,
    { id: `${event.id}:${event.type}`, merchantId: merchant.id, type: event.type, url, data: event.data },
    now,
  );
}

/** The webhook and SMS for a settled payment (success or failure). */
export async function announcePaymentOutcome(
  tx: SqlExecutor,
  parties: { merchant: Merchant; customer: Customer; notifyUrl: string | null; balance: bigint | undefined },
  payment: MerchantPayment,
  now: number,
): Promise<void> {
  const { merchant, customer } = parties;
  await queueMerchantEvent(
    tx,
    merchant,
    {
      id: payment.id,
      type: payment.status === 'completed' ? 'payment.succeeded' : 'payment.failed',
      notifyUrl: parties.notifyUrl,
      data: { payment: merchantPaymentView(payment, customer.phone) },
    },
    now,
  );
  if (payment.status !== 'completed' || parties.balance === undefined) return;
  const display = (value: bigint) =>
    formatAmountForDisplay({ value, currency: payment.currency }, customer.locale);
  await notifyCustomer(
    tx,
    customer,
    `${payment.id}:debit`,
    {
      kind: 'debit',
      amount: display(payment.amount),
      counterparty: merchant.name,
      balance: display(parties.balance),
      reference: payment.id,
    },
    now,
  );
}
