// What the USSD effects run with (platform, customer, this request's inputs) and small helpers they share.
import type { Customer } from '../../domain/customers/customer.js';
import type { Payer } from '../../domain/payments/payer.js';
import type { Platform } from '../../domain/platform.js';
import type { RefusalCode } from '../phone-refusals.js';
import type { Refusal } from './ussd-state.js';

/** What effects run with: the platform, the customer, and this request's inputs. */
export interface EffectEnv {
  platform: Platform;
  customer: Customer;
  /** Every input of the session so far: secrets are read from here by position and never stored. */
  inputs: readonly string[];
  /** Prefix of the idempotency keys of this session's payments. */
  keyPrefix: string;
}

export const inputAt = (env: EffectEnv, at: number): string => env.inputs[at] ?? '';
export const payerOf = (env: EffectEnv): Payer => ({ customerId: env.customer.id, device: undefined });

/** A domain refusal as the menus get it (only the code and the tries left). */
export function refusal(result: { error: RefusalCode; attemptsRemaining?: number }): Refusal {
  return 'attemptsRemaining' in result && result.attemptsRemaining !== undefined
    ? { ok: false, error: result.error, attemptsRemaining: result.attemptsRemaining }
    : { ok: false, error: result.error };
}
