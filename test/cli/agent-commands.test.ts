// Runs the agent commands as real processes on a SQLite file: create, fund once per reference, show, and an agent's client.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliSandbox } from '../support/cli.js';

describe('mwallet agents', () => {
  const { json, refusal } = cliSandbox('mwallet-cli-agents-');

  it('creates an agent, funds its float once per reference, shows it, and gives it an API client', async () => {
    const agent = await json('agents', 'create', '--name', 'Corner shop', '--phone', '13900000077');
    assert.match(agent.id, /^agt_/);
    assert.deepEqual([agent.phone, agent.float], ['+8613900000077', '0.00']);
    const fund = ['agents', 'fund', agent.id, '--amount', '2000.00', '--reference', 'bank-7'];
    assert.deepEqual(await json(...fund), { agentId: agent.id, float: '2000.00', alreadyFunded: false });
    assert.deepEqual(await json(...fund), { agentId: agent.id, float: '2000.00', alreadyFunded: true });
    const other = ['agents', 'fund', agent.id, '--amount', '1.00', '--reference', 'bank-7'];
    assert.equal(await refusal(...other), 'reference_reused');
    assert.equal(
      await refusal('agents', 'fund', 'agt_nope', '--amount', '1', '--reference', 'x'),
      'agent_not_found',
    );
    assert.equal((await json('agents', 'show', agent.id)).float, '2000.00');
    assert.equal(await refusal('agents', 'show', 'agt_nope'), 'agent_not_found');
    assert.equal(await refusal('agents', 'create', '--name', 'x', '--phone', '12'), 'invalid_phone');
    const client = await json('clients', 'create', '--name', 'Corner shop till', '--agent', agent.id);
    assert.deepEqual([client.agentId, client.merchantId], [agent.id, null]);
    assert.equal(await refusal('clients', 'create', '--name', 'x', '--agent', 'agt_nope'), 'agent_not_found');
  });
});
