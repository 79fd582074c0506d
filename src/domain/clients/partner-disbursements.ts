// GSMA disbursements (an organisation pays a wallet) and adjustments (the operator corrects a wallet) for partner clients.
import { createHash } from 'node:crypto';
import { parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import type { Organisation } from '../payments/disbursement.js';
import {
  type DisbursementError,
  type DisbursementRequest,
  disburse as disburseFrom,
} from '../payments/disbursements.js';
import type { ApiClient } from './api-client.js';
import {
  type Found,
  identifierOf,
  OPERATOR_ACCOUNT_ID,
  type WalletFinder,
  walletOf,
} from './partner-parties.js';
import type {
  PartyIdentifier,
  TransactionFailure,
  TransactionRequest,
  TransactionResult,
} from './partner-transaction.js';
import { disbursementTransaction } from './partner-transaction-views.js';

export const DISBURSEMENT_FAILURES: Readonly<Record<DisbursementError, TransactionFailure>> = {
  idempotency_conflict: 'reference_taken',
  idempotency_in_progress: 'service_unavailable',
  account_locked: 'account_locked',
  organisation_unavailable: 'merchant_unavailable',
  balance_cap_exceeded: 'balance_cap_exceeded',
  insufficient_funds: 'insufficient_funds',
  service_unavailable: 'service_unavailable',
};

/**
 * The organisation side of the transaction: the client's own party. A merchant's client pays from its merchant's
 * account (the party may name it, no other); the operator's client from the operator's account (`operator`).
 */
function organisationOf(client: ApiClient, parties: PartyIdentifier[], field: string): Found<Organisation> {
  // An agent's float moves only by cash-in and cash-out.
  if (client.party.kind === 'agent') return { ok: false, error: 'not_permitted' };
  const named = identifierOf(parties, 'accountid', field);
  if (!named.ok && named.error !== 'party_missing') return named;
  const own = client.party.kind === 'merchant' ? client.party.merchantId : OPERATOR_ACCOUNT_ID;
  if (named.ok && named.value !== own) return { ok: false, error: 'not_permitted' };
  return {
    ok: true,
    value:
      client.party.kind === 'merchant'
        ? { kind: 'merchant', merchantId: client.party.merchantId }
        : { kind: 'operator', account: 'feeRevenue' },
  };
}

/** What was asked, so that a retry with another request under the same key is refused. */
export function requestHashOf(
  request: TransactionRequest,
  customer: Customer,
  direction: 'credit' | 'debit',
  amount: bigint,
): string {
  return createHash('sha256')
    .update(JSON.stringify([request.type, customer.id, direction, amount.toString(), request.description]))
    .digest('base64url');
}

/**
 * What a `disbursement` or `adjustment` asks for, with its parties resolved (wallets by `findWallet`), or why it
 * cannot be. `disbursement`: from the client's organisation to the wallet in creditParty. `adjustment` (the
 * operator's clients only): a correction against the operator's suspense account, crediting the wallet in
 * creditParty or debiting the wallet in debitParty.
 */
export async function disbursementRequestOf(
  ctx: DomainContext,
  client: ApiClient,
  request: TransactionRequest,
  idempotencyKey: string,
  findWallet: WalletFinder = (parties, field) => walletOf(ctx, parties, field),
): Promise<Found<DisbursementRequest>> {
  const amount = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'amount_invalid' };
  let organisation: Found<Organisation>;
  let direction: 'credit' | 'debit' = 'credit';
  if (request.type === 'adjustment') {
    if (client.party.kind !== 'operator') return { ok: false, error: 'not_permitted' };
    direction = request.creditParty.some((party) => party.key === 'msisdn') ? 'credit' : 'debit';
    const other = direction === 'credit' ? request.debitParty : request.creditParty;
    organisation = organisationOf(client, other, direction === 'credit' ? 'debitParty' : 'creditParty');
    if (organisation.ok) organisation = { ok: true, value: { kind: 'operator', account: 'suspense' } };
  } else {
    organisation = organisationOf(client, request.debitParty, 'debitParty');
  }
  if (!organisation.ok) return organisation;
  const wallet = await findWallet(
    direction === 'credit' ? request.creditParty : request.debitParty,
    direction === 'credit' ? 'creditParty' : 'debitParty',
  );
  if (!wallet.ok) return wallet;
  return {
    ok: true,
    value: {
      kind: request.type === 'adjustment' ? 'adjustment' : 'disbursement',
      organisation: organisation.value,
      customer: wallet.value,
      direction,
      amount: amount.amount.value,
      description: request.description,
      reference: request.clientReference ?? null,
      clientId: client.id,
      idempotencyKey,
      requestHash: requestHashOf(request, wallet.value, direction, amount.amount.value),
    },
  };
}

/** A disbursement or adjustment (see disbursementRequestOf) as the client's transaction. */
export async function disburse(
  ctx: DomainContext,
  client: ApiClient,
  request: TransactionRequest,
  idempotencyKey: string,
): Promise<TransactionResult> {
  const asked = await disbursementRequestOf(ctx, client, request, idempotencyKey);
  if (!asked.ok) return asked;
  const result = await disburseFrom(ctx, asked.value);
  if (!result.ok) return { ok: false, error: DISBURSEMENT_FAILURES[result.error] };
  return { ok: true, transaction: await disbursementTransaction(ctx, result.disbursement) };
}
