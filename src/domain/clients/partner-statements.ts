// A wallet's transactions and statement entries for the operator's API clients (GSMA /transactions, /statemententries).
import { parseAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import { walletHistory } from '../wallets/history.js';
import type { ApiClient } from './api-client.js';
import {
  type AccountIdentifier,
  type AccountViewError,
  findAccount,
  mayReadWallet,
} from './partner-accounts.js';
import { OPERATOR_ACCOUNT_ID } from './partner-parties.js';
import type { PartnerTransaction } from './partner-transaction.js';
import { viewTransaction } from './partner-transaction-views.js';

export interface StatementQuery {
  limit: number;
  offset: number;
  from?: number | undefined;
  to?: number | undefined;
}

/** A statement line: the transaction behind it, or (a top-up, which has none) the movement itself. */
export interface StatementEntry {
  transaction: PartnerTransaction;
  /** What the entry said in the customer's app (their language). */
  description: string;
}

type Statement = { ok: true; entries: StatementEntry[] } | { ok: false; error: AccountViewError };

/**
 * The wallet's movements, newest first, `offset` skipped then `limit` taken. Only the operator's clients read
 * a wallet's history, as its balance.
 */
export async function accountStatement(
  ctx: DomainContext,
  client: ApiClient,
  identifier: AccountIdentifier,
  query: StatementQuery,
): Promise<Statement> {
  if (!mayReadWallet(client)) return { ok: false, error: 'not_permitted' };
  const found = await findAccount(ctx, identifier);
  if (!found.ok) return found;
  const { customer } = found;
  if (!customer) return { ok: false, error: 'account_not_found' };
  const page = await walletHistory(ctx, customer, {
    limit: query.offset + query.limit,
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  });
  const entries: StatementEntry[] = [];
  for (const entry of page.entries.slice(query.offset)) {
    const viewed = entry.reference === null ? undefined : await viewTransaction(ctx, client, entry.reference);
    const amount = parseAmount(entry.amount.replace('-', ''), ctx.settings.currency);
    const transaction: PartnerTransaction = viewed ?? {
      reference: entry.id,
      type: 'deposit',
      status: 'completed',
      amount: amount.ok ? amount.amount.value : 0n,
      currency: ctx.settings.currency,
      debitParty: [{ key: 'accountid', value: OPERATOR_ACCOUNT_ID }],
      creditParty: [{ key: 'msisdn', value: customer.phone }],
      description: entry.description,
      clientReference: null,
      createdAt: Date.parse(entry.at),
      modifiedAt: null,
    };
    entries.push({ transaction, description: entry.description });
  }
  return { ok: true, entries };
}
