// GSMA identity updates: the operator's and agents' clients verify or reject a customer's KYC application; the tier follows.
import type { DomainContext } from '../context.js';
import { type KycApplication, latestKyc, reviewKyc, withdrawKyc } from '../customers/kyc.js';
import { TIER_NAMES, type TierName } from '../risk/tiers.js';
import { type ApiClient, customerFacingName } from './api-client.js';
import { type AccountIdentifier, type AccountViewError, findAccountByAll } from './partner-accounts.js';

/** The spec's kycVerificationStatus. */
export type KycVerification = 'verified' | 'unverified' | 'rejected';

/** What a partner reports about an identity. */
export interface IdentityUpdate {
  verification: KycVerification;
  /** The spec's kycLevel: the tier the verifier confirmed, which must be the tier applied for. */
  level?: TierName;
  /** The spec's kycVerificationEntity: who checked the document; by default the agent or the operator's partner. */
  entity?: string;
}

export type IdentityUpdateError =
  | AccountViewError
  | 'identity_not_found'
  | 'kyc_not_pending'
  | 'kyc_level_mismatch'
  | 'id_in_use';

export type IdentityUpdateResult = { ok: true } | { ok: false; error: IdentityUpdateError };

/** The spec's kycLevel of a tier: 1, 2 or 3. */
export function kycLevelOf(tier: TierName): number {
  return TIER_NAMES.indexOf(tier) + 1;
}

/** The spec's kycVerificationStatus of a tier: above Class I, an identity document was verified. */
export function kycVerificationOf(tier: TierName): KycVerification {
  return tier === 'class_1' ? 'unverified' : 'verified';
}

/** The tier a patched kycLevel (`"1"` to `"3"`) names, if any. */
export function tierOfKycLevel(level: string): TierName | undefined {
  return /^[1-9]$/.test(level) ? TIER_NAMES[Number(level) - 1] : undefined;
}

/** Why this client may not give this answer on this application, if it may not. */
function refusal(
  client: ApiClient,
  update: IdentityUpdate,
  application: KycApplication,
): { ok: false; error: IdentityUpdateError } | undefined {
  // Agents check documents face to face up to Class II; Class III (the highest limits) is the operator's call.
  if (client.party.kind === 'agent' && application.requestedTier === 'class_3') {
    return { ok: false, error: 'not_permitted' };
  }
  if (update.level !== undefined && update.level !== application.requestedTier) {
    return { ok: false, error: 'kyc_level_mismatch' };
  }
  return undefined;
}

/**
 * `verified` approves the customer's pending application (the tier applied for, with the identity it names),
 * `rejected` rejects it, as staff review does and audited the same way under the client. Asking for what the latest
 * application already came to changes nothing and succeeds, so a retry or a simultaneous duplicate is harmless.
 */
async function decideApplication(
  ctx: DomainContext,
  client: ApiClient,
  customerId: string,
  update: IdentityUpdate,
  note: string,
): Promise<IdentityUpdateResult> {
  const approve = update.verification === 'verified';
  let application = await latestKyc(ctx, customerId);
  if (application?.status === 'pending') {
    const refused = refusal(client, update, application);
    if (refused) return refused;
    const actor = `api_client:${client.id}`;
    const reviewed = await reviewKyc(ctx, { applicationId: application.id, approve, actor, note });
    if (reviewed.ok) return reviewed;
    if (reviewed.error === 'id_in_use') return { ok: false, error: 'id_in_use' };
    // Decided meanwhile (a simultaneous request): answered below from what it came to.
    application = await latestKyc(ctx, customerId);
  }
  if (!application || application.status !== (approve ? 'approved' : 'rejected')) {
    return { ok: false, error: 'kyc_not_pending' };
  }
  return refusal(client, update, application) ?? { ok: true };
}

/**
 * Updates the one identity of a wallet (its holder; identityId = the customer id, as GET /accounts shows it).
 * The operator's clients and agents' clients may (agents verify KYC in the field); merchants' clients never.
 * `unverified` withdraws a verification (back to Class I), which only the operator's clients may.
 */
export async function updateIdentity(
  ctx: DomainContext,
  client: ApiClient,
  identifiers: readonly AccountIdentifier[],
  identityId: string,
  update: IdentityUpdate,
): Promise<IdentityUpdateResult> {
  const verifier = await customerFacingName(ctx, client);
  if (verifier === undefined) return { ok: false, error: 'not_permitted' };
  if (update.verification === 'unverified' && client.party.kind !== 'operator') {
    return { ok: false, error: 'not_permitted' };
  }
  const found = await findAccountByAll(ctx, identifiers);
  if (!found.ok) return found;
  if (!found.customer) return { ok: false, error: 'account_not_found' };
  if (found.customer.id !== identityId) return { ok: false, error: 'identity_not_found' };
  const note = update.entity ?? verifier;
  if (update.verification !== 'unverified') {
    return decideApplication(ctx, client, found.customer.id, update, note);
  }
  const withdrawn = await withdrawKyc(ctx, {
    customerId: found.customer.id,
    actor: `api_client:${client.id}`,
    note,
  });
  return withdrawn.ok ? withdrawn : { ok: false, error: 'account_not_found' };
}
