// The signed return of a paid checkout to the merchant's returnUrl: the signature, the URL, and its verification.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookSecretBytes } from '../events/webhook-signature.js';

/** What the customer's browser brings back to the merchant (query parameters order_id, reference, …). */
export interface CheckoutReturn {
  orderId: string;
  reference: string;
  status: string;
  paymentId: string;
  /** Decimal string, e.g. "80.00". */
  amount: string;
  /** Unix seconds when the return was signed. */
  timestamp: number;
}

export type CheckoutReturnVerification =
  | { ok: true; checkout: CheckoutReturn }
  | { ok: false; error: 'missing_fields' | 'signature_mismatch' | 'timestamp_out_of_range' };

/** base64url(HMAC-SHA256(key, `order_id.reference.status.payment_id.amount.timestamp`)). */
function signatureOf(key: Buffer, r: CheckoutReturn): Buffer {
  return (
    createHmac('sha256', key)
      // JSON, not joined text: a field containing the separator could otherwise shift into its neighbour.
      .update(JSON.stringify([r.orderId, r.reference, r.status, r.paymentId, r.amount, r.timestamp]))
      .digest()
  );
}

/**
 * The merchant's returnUrl with the signed result appended; the merchant's own query parameters stay
 * (one of ours replaces a parameter of the same name).
 */
export function checkoutReturnUrl(returnUrl: string, key: Buffer, result: CheckoutReturn): string {
  const url = new URL(returnUrl);
  const query = url.searchParams;
  query.set('order_id', result.orderId);
  query.set('reference', result.reference);
  query.set('status', result.status);
  query.set('payment_id', result.paymentId);
  query.set('amount', result.amount);
  query.set('timestamp', String(result.timestamp));
  query.set('signature', signatureOf(key, result).toString('base64url'));
  return url.href;
}

/**
 * Checks a return as a merchant should, with its webhook secret (`whsec_…`): every field present, the
 * signature matching (constant-time), and the timestamp within `toleranceSeconds` of now. A verified
 * return proves the platform said the order was paid; the order status query remains the authority.
 */
export function verifyCheckoutReturn(
  secret: string,
  params: URLSearchParams | Readonly<Record<string, string | undefined>>,
  nowSeconds: number,
  toleranceSeconds = 600,
): CheckoutReturnVerification {
  const read = (name: string) => (params instanceof URLSearchParams ? params.get(name) : params[name]) ?? '';
  const [orderId, reference, status, paymentId, amount, timestamp, signature] = [
    'order_id',
    'reference',
    'status',
    'payment_id',
    'amount',
    'timestamp',
    'signature',
  ].map(read);
  if (
    !orderId ||
    !reference ||
    !status ||
    !paymentId ||
    !amount ||
    !signature ||
    !/^\d{1,12}$/.test(timestamp ?? '')
  ) {
    return { ok: false, error: 'missing_fields' };
  }
  const checkout = { orderId, reference, status, paymentId, amount, timestamp: Number(timestamp) };
  const expected = signatureOf(webhookSecretBytes(secret), checkout);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: 'signature_mismatch' };
  }
  if (Math.abs(nowSeconds - checkout.timestamp) > toleranceSeconds) {
    return { ok: false, error: 'timestamp_out_of_range' };
  }
  return { ok: true, checkout };
}
