// GSMA account status updates: the operator's clients lock (`unavailable`) or unlock (`available`) a customer's wallet.
import type { DomainContext } from '../context.js';
import { lockByStaff, unlockByStaff } from '../customers/wallet-lock.js';
import type { ApiClient } from './api-client.js';
import { type AccountIdentifier, type AccountViewError, findAccount } from './partner-accounts.js';

export type AccountStatusChange = 'available' | 'unavailable';

export type StatusChangeResult = { ok: true } | { ok: false; error: AccountViewError };

/**
 * Locks or unlocks the wallet as staff do (every session ends on a lock; the customer gets an SMS either way),
 * audited under the client. Asking for the state the wallet is already in changes nothing and succeeds, so a
 * retried request is harmless; the state is checked under the customer's row lock, so of simultaneous identical
 * requests only one has an effect. Only the operator's clients may: a merchant or an agent has no say over a wallet.
 */
export async function changeAccountStatus(
  ctx: DomainContext,
  client: ApiClient,
  identifier: AccountIdentifier,
  wanted: AccountStatusChange,
  reason: string,
): Promise<StatusChangeResult> {
  if (client.party.kind !== 'operator') return { ok: false, error: 'not_permitted' };
  const found = await findAccount(ctx, identifier);
  if (!found.ok) return found;
  const { customer } = found;
  if (!customer) return { ok: false, error: 'account_not_found' };
  const actor = `api_client:${client.id}`;
  const changed =
    wanted === 'unavailable'
      ? await lockByStaff(ctx, customer.phone, actor, reason)
      : await unlockByStaff(ctx, customer.phone, actor, reason);
  // `not_locked`: already available. `customer_not_found`: closed meanwhile.
  if (!changed.ok && changed.error === 'customer_not_found') return { ok: false, error: 'account_not_found' };
  return { ok: true };
}
