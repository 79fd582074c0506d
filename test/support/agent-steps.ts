// Steps shared by the GSMA agent tests: an agent with float bought from the operator, and its float now.
import assert from 'node:assert/strict';
import type { TestApp } from '../../src/channels/http/test-app.js';
import { agentFloat, createAgent, findAgent, fundAgent } from '../../src/domain/agents/agents.js';
import { basicAuth, newClient } from './gsma-driver.js';

/** A new agent with `float` bought from the operator, and Basic credentials of a client acting for it. */
export async function fundedAgent(test: TestApp, name: string, phone: string, float: string) {
  const created = await createAgent(test.platform.ctx, { name, phone, actor: 'staff:test' });
  assert.ok(created.ok);
  const { agent } = created;
  const funded = await fundAgent(test.platform.ctx, {
    agentId: agent.id,
    amount: float,
    reference: `bank-${agent.id}`,
    actor: 'staff:test',
  });
  assert.ok(funded.ok);
  return { agent, auth: basicAuth(await newClient(test, { agentId: agent.id })) };
}

/** The agent's float in fen. */
export async function floatOf(test: TestApp, agentId: string): Promise<bigint> {
  const agent = await findAgent(test.platform.ctx, agentId);
  assert.ok(agent);
  return agentFloat(test.platform.ctx, agent);
}
