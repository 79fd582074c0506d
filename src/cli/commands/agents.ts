// `mwallet agents create | fund | show`: cash-in/cash-out agents and their float (bought from the operator), audited.
import { Command } from 'commander';
import { type Agent, agentFloat, createAgent, findAgent, fundAgent } from '../../domain/agents/agents.js';
import type { DomainContext } from '../../domain/context.js';
import { formatAmount } from '../../money/index.js';
import { cliActor, runAdmin } from '../with-runtime.js';

async function agentView(ctx: DomainContext, agent: Agent) {
  const float = formatAmount({ value: await agentFloat(ctx, agent), currency: ctx.settings.currency });
  return {
    result: { id: agent.id, name: agent.name, phone: agent.phone, float },
    text: `Agent ${agent.id} (${agent.name}, ${agent.phone}): float ${float}.`,
  };
}

function createCommand(): Command {
  return new Command('create')
    .description('register an agent with its own float account (empty until funded)')
    .requiredOption('--name <text>', "the agent's trading name")
    .requiredOption('--phone <number>', "the agent's phone number")
    .action(async (o: { name: string; phone: string }, command: Command) =>
      runAdmin(command, async ({ platform }) => {
        const created = await createAgent(platform.ctx, { ...o, actor: cliActor() });
        if (!created.ok)
          return { ok: false, error: created.error, text: `cannot create the agent: ${created.error}` };
        return { ok: true, ...(await agentView(platform.ctx, created.agent)) };
      }),
    );
}

function fundCommand(): Command {
  return new Command('fund')
    .description("sell float to an agent: e-money from the trust side into the agent's float (audited)")
    .argument('<agent-id>', 'the agent')
    .requiredOption('--amount <decimal>', 'amount in the currency, e.g. 5000.00')
    .requiredOption(
      '--reference <text>',
      'your reference (e.g. the bank credit): funding again under it adds nothing',
    )
    .action(async (agentId: string, o: { amount: string; reference: string }, command: Command) =>
      runAdmin(command, async ({ platform }) => {
        const funded = await fundAgent(platform.ctx, { agentId, ...o, actor: cliActor() });
        if (!funded.ok) {
          const detail = funded.detail ? ` (${funded.detail})` : '';
          return { ok: false, error: funded.error, text: `cannot fund ${agentId}: ${funded.error}${detail}` };
        }
        const float = formatAmount({ value: funded.float, currency: platform.ctx.settings.currency });
        return {
          ok: true,
          result: { agentId, float, alreadyFunded: funded.alreadyFunded },
          text: funded.alreadyFunded
            ? `Already funded under reference ${o.reference}: nothing more added; float ${float}.`
            : `Funded ${agentId} with ${o.amount}; float now ${float}.`,
        };
      }),
    );
}

function showCommand(): Command {
  return new Command('show')
    .description('show an agent and its float')
    .argument('<agent-id>', 'the agent')
    .action(async (agentId: string, _o: object, command: Command) =>
      runAdmin(command, async ({ platform }) => {
        const agent = await findAgent(platform.ctx, agentId);
        if (!agent) return { ok: false, error: 'agent_not_found', text: `no agent ${agentId}` };
        return { ok: true, ...(await agentView(platform.ctx, agent)) };
      }),
    );
}

export function agentsCommand(): Command {
  const command = new Command('agents').description('cash-in/cash-out agents and their float');
  command.addCommand(createCommand());
  command.addCommand(fundCommand());
  command.addCommand(showCommand());
  return command;
}
