// GSMA cash-in (`deposit`) and cash-out (`withdrawal`) at an agent, against the agent's own float, for agents' clients.
import { parsePositiveAmount } from '../../money/index.js';
import { findAgent } from '../agents/agents.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { notifyCashMovement, notifyCashOutRequest } from '../payments/cash-notices.js';
import { disburse as disburseFrom, findDisbursementByKey } from '../payments/disbursements.js';
import { paymentUsage } from '../payments/usage.js';
import { checkLimits, type LimitCheck } from '../risk/tiers.js';
import type { ApiClient } from './api-client.js';
import { redeemAuthorisationCode } from './authorisation-codes.js';
import { DISBURSEMENT_FAILURES, requestHashOf } from './partner-disbursements.js';
import { identifierOf, walletOf } from './partner-parties.js';
import {
  type TransactionRequest,
  type TransactionResult,
  transactionFailure,
} from './partner-transaction.js';
import { disbursementTransaction } from './partner-transaction-views.js';

/** Whether a cash-out of `amount` keeps the customer within the tier's spending limits (cash-outs count as spending). */
async function checkSpendingLimits(
  ctx: DomainContext,
  customer: Customer,
  amount: bigint,
): Promise<LimitCheck> {
  const tier = ctx.settings.tiers[customer.tier];
  const usage = await paymentUsage(ctx.db, customer.id, ctx.clock(), {
    timeZone: ctx.settings.timeZone,
    lifetime: tier.lifetime !== null,
  });
  return checkLimits(tier, usage.limits, amount);
}

/**
 * `deposit`: the agent's float pays the customer's wallet (creditParty msisdn), within the wallet's balance cap;
 * a locked wallet takes no cash in. `withdrawal`: the customer's wallet (debitParty msisdn) pays the agent's
 * float, within the tier's spending limits, authorised by an authorisation code the customer created
 * (`oneTimeCode`, used up once); without a code it is a request the customer confirms or declines in the app
 * (`pending` until then, see cash-out-requests). Only an agent's
 * client may ask, and only against its own agent (the agent's side may name it by accountid, no other).
 */
export async function agentCash(
  ctx: DomainContext,
  client: ApiClient,
  request: TransactionRequest,
  idempotencyKey: string,
): Promise<TransactionResult> {
  if (client.party.kind !== 'agent') return { ok: false, error: 'not_permitted' };
  const deposit = request.type === 'deposit';
  const agentSide = deposit ? 'debitParty' : 'creditParty';
  const walletSide = deposit ? 'creditParty' : 'debitParty';
  const named = identifierOf(request[agentSide], 'accountid', agentSide);
  if (!named.ok && named.error !== 'party_missing') return named;
  if (named.ok && named.value !== client.party.agentId) return { ok: false, error: 'not_permitted' };
  const agent = await findAgent(ctx, client.party.agentId);
  if (!agent) return { ok: false, error: 'merchant_unavailable' };
  const amount = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'amount_invalid' };
  const wallet = await walletOf(ctx, request[walletSide], walletSide);
  if (!wallet.ok) return wallet;
  const customer = wallet.value;
  const code = request.oneTimeCode;
  if (!deposit && code !== undefined && !(await findDisbursementByKey(ctx, client.id, idempotencyKey))) {
    // The limits first: a refused cash-out leaves the customer's code usable.
    const withinLimits = await checkSpendingLimits(ctx, customer, amount.amount.value);
    if (!withinLimits.ok)
      return { ok: false, error: transactionFailure('limit_exceeded', withinLimits.limit) };
    const redeemed = await redeemAuthorisationCode(ctx, code, amount.amount.value, customer.id);
    if (!redeemed.ok) return { ok: false, error: 'authorisation_code_invalid', field: 'oneTimeCode' };
  }
  // Without a code, a cash-out waits for the customer to confirm it in the app (limits apply then).
  const awaitsCustomer = !deposit && code === undefined;
  const result = await disburseFrom(ctx, {
    kind: deposit ? 'deposit' : 'withdrawal',
    organisation: { kind: 'agent', agentId: agent.id },
    customer,
    direction: deposit ? 'credit' : 'debit',
    amount: amount.amount.value,
    description: request.description,
    reference: request.clientReference ?? null,
    clientId: client.id,
    idempotencyKey,
    requestHash: requestHashOf(request, customer, deposit ? 'credit' : 'debit', amount.amount.value),
    awaitCustomerUntil: awaitsCustomer ? ctx.clock() + ctx.settings.merchants.orderTtlMs : undefined,
  });
  if (!result.ok) return { ok: false, error: DISBURSEMENT_FAILURES[result.error] };
  if (result.disbursement.status === 'requested') {
    await notifyCashOutRequest(ctx, customer, result.disbursement, agent.name);
  } else {
    await notifyCashMovement(ctx, customer, result.disbursement, agent.name);
  }
  return { ok: true, transaction: await disbursementTransaction(ctx, result.disbursement) };
}
