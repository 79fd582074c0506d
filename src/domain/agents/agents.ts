// Agents: cash-in/cash-out points with their own float account, created and funded (from the trust side) by the operator.
import { parsePositiveAmount } from '../../money/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { normalizePhone } from '../customers/phone.js';
import { newAccountId, newId } from '../ids.js';
import { AccountCode, openWalletAccount, TransferCode, walletBalance } from '../wallets/accounts.js';
import { issueFromTrust, referenceTransferId } from '../wallets/issuance.js';

export interface Agent {
  id: string;
  name: string;
  phone: string;
  /** The agent's float in the ledger: it can never go below zero. */
  accountId: bigint;
  createdAt: number;
}

interface AgentRow {
  [column: string]: unknown;
  id: string;
  name: string;
  phone: string;
  account_id: string;
  created_at: bigint;
}

const AGENT_COLUMNS = 'id, name, phone, account_id, created_at';
const NAME_PATTERN = /^[^\p{C}]{1,100}$/u;

function agentFromRow(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    accountId: BigInt(row.account_id),
    createdAt: Number(row.created_at),
  };
}

export async function findAgent(ctx: DomainContext, id: string): Promise<Agent | undefined> {
  const row = await ctx.db.get<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = $1`, [id]);
  return row && agentFromRow(row);
}

export type CreateAgentResult =
  | { ok: true; agent: Agent }
  | { ok: false; error: 'name_invalid' | 'invalid_phone' | 'not_mobile' | 'service_unavailable' };

/** Opens the agent's float account in the ledger, then records the agent (audited). */
export async function createAgent(
  ctx: DomainContext,
  request: { name: string; phone: string; actor: string },
): Promise<CreateAgentResult> {
  const name = request.name.trim();
  if (!NAME_PATTERN.test(name)) return { ok: false, error: 'name_invalid' };
  const phone = normalizePhone(request.phone, ctx.settings.defaultRegion);
  if (!phone.ok) return phone;
  const agent: Agent = {
    id: newId('agt'),
    name,
    phone: phone.e164,
    accountId: newAccountId(),
    createdAt: ctx.clock(),
  };
  const opened = await openWalletAccount(
    ctx.ledger,
    agent.accountId,
    ctx.settings.currency,
    AccountCode.agentFloat,
  );
  if (opened !== 'ok') return { ok: false, error: 'service_unavailable' };
  await ctx.db.transaction(async (tx) => {
    await tx.run('INSERT INTO agents (id, name, phone, account_id, created_at) VALUES ($1, $2, $3, $4, $5)', [
      agent.id,
      agent.name,
      agent.phone,
      agent.accountId.toString(),
      BigInt(agent.createdAt),
    ]);
    await recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'agent.create',
        subject: `agent:${agent.id}`,
        details: { name, phone: agent.phone },
      },
      agent.createdAt,
    );
  });
  return { ok: true, agent };
}

/** The agent's float now (what it can still pay out on cash-in). */
export function agentFloat(ctx: DomainContext, agent: Agent): Promise<bigint> {
  return walletBalance(ctx.ledger, agent.accountId);
}

export type FundAgentResult =
  | { ok: true; float: bigint; alreadyFunded: boolean }
  | {
      ok: false;
      error: 'agent_not_found' | 'invalid_amount' | 'reference_reused' | 'service_unavailable';
      detail?: string;
    };

/**
 * Sells float to an agent: e-money issued from the trust side into the agent's float account, once per the
 * operator's reference (funding again under it adds nothing). Audited before the ledger moves.
 */
export async function fundAgent(
  ctx: DomainContext,
  request: { agentId: string; amount: string; reference: string; actor: string },
): Promise<FundAgentResult> {
  const { currency } = ctx.settings;
  const amount = parsePositiveAmount(request.amount, currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  const agent = await findAgent(ctx, request.agentId);
  if (!agent) return { ok: false, error: 'agent_not_found' };
  const transferId = referenceTransferId('agent-float', request.reference);
  const [earlier] = await ctx.ledger.lookupTransfers([transferId]);
  if (earlier) {
    if (earlier.amount !== amount.amount.value || earlier.creditAccountId !== agent.accountId) {
      return { ok: false, error: 'reference_reused' };
    }
    return { ok: true, float: await agentFloat(ctx, agent), alreadyFunded: true };
  }
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'agent.fund',
        subject: `agent:${agent.id}`,
        details: {
          amount: request.amount,
          currency,
          reference: request.reference,
          transferId: transferId.toString(),
        },
      },
      ctx.clock(),
    ),
  );
  const funded = await issueFromTrust(ctx, {
    id: transferId,
    creditAccountId: agent.accountId,
    amount: amount.amount.value,
    code: TransferCode.agentFloat,
  });
  // An agent's float is never closed in the ledger: only wallets and merchants are.
  if (!funded.ok)
    return { ok: false, error: funded.error === 'wallet_closed' ? 'service_unavailable' : funded.error };
  return { ok: true, float: await agentFloat(ctx, agent), alreadyFunded: funded.existed };
}
