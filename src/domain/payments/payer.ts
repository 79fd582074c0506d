// Who pays: a customer, and the bound device the payment comes from (none on USSD, SMS or a web checkout).
import type { SessionPrincipal } from '../customers/sessions.js';

/** What the step-up policy needs of the device: when and how it was bound. */
export type PayingDevice = Pick<SessionPrincipal, 'deviceBoundAt' | 'deviceBoundBy'>;

export interface Payer {
  customerId: string;
  /** Undefined when the payment does not come from a bound app: no password-free payments then. */
  device: PayingDevice | undefined;
  /** Asked for by SMS and confirmed with a one-time code: small payments only, never the PIN over SMS. */
  smsConfirmed?: boolean;
  /** Asked for by the operator's own GSMA API client, which authenticated the customer itself. */
  partner?: boolean;
}

/** The payer behind an app session: its customer, on its bound device. */
export function payerOf(principal: SessionPrincipal): Payer {
  return { customerId: principal.customerId, device: principal };
}
