// `mwallet clients create | revoke`: GSMA API client credentials (consumer key, consumer secret, API key), audited.
import { Command } from 'commander';
import { createClient, revokeClient } from '../../domain/clients/api-client.js';
import { cliActor, runAdmin } from '../with-runtime.js';

function createCommand(): Command {
  return new Command('create')
    .description('issue GSMA API client credentials: the secret and API key are printed once')
    .requiredOption('--name <text>', 'who the client is, e.g. the aggregator')
    .option('--merchant <merchant-id>', 'the client acts for this merchant (default: for the operator)')
    .option('--agent <agent-id>', 'the client acts for this agent (cash-in and cash-out against its float)')
    .action(async (o: { name: string; merchant?: string; agent?: string }, command: Command) =>
      runAdmin(command, async (runtime) => {
        const created = await createClient(runtime.platform.ctx, {
          name: o.name,
          actor: cliActor(),
          ...(o.merchant === undefined ? {} : { merchantId: o.merchant }),
          ...(o.agent === undefined ? {} : { agentId: o.agent }),
        });
        if (!created.ok)
          return { ok: false, error: created.error, text: `cannot create the client: ${created.error}` };
        const { client, consumerSecret, apiKey } = created.credentials;
        const { party } = client;
        const actsFor =
          party.kind === 'operator'
            ? 'the operator'
            : party.kind === 'merchant'
              ? `merchant ${party.merchantId}`
              : `agent ${party.agentId}`;
        return {
          ok: true,
          result: {
            id: client.id,
            name: client.name,
            merchantId: party.kind === 'merchant' ? party.merchantId : null,
            agentId: party.kind === 'agent' ? party.agentId : null,
            consumerKey: client.consumerKey,
            consumerSecret,
            apiKey,
          },
          text: [
            `Client ${client.id} (${client.name}) acts for ${actsFor}.`,
            `Consumer key:    ${client.consumerKey}`,
            `Consumer secret: ${consumerSecret}`,
            `API key:         ${apiKey}`,
            '(The secret and API key are shown once.)',
          ].join('\n'),
        };
      }),
    );
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('revoke a client at once: its API key, secret and tokens stop working')
    .argument('<key>', "the client's consumer key (or its id)")
    .action(async (key: string, _o: object, command: Command) =>
      runAdmin(command, async (runtime) => {
        const revoked = await revokeClient(runtime.platform.ctx, key, cliActor());
        if (!revoked.ok)
          return { ok: false, error: revoked.error, text: `cannot revoke ${key}: ${revoked.error}` };
        return { ok: true, result: { revoked: key }, text: `Client ${key} is revoked.` };
      }),
    );
}

export function clientsCommand(): Command {
  const command = new Command('clients').description('GSMA Mobile Money API clients (/gsma/v1.2/mm)');
  command.addCommand(createCommand());
  command.addCommand(revokeCommand());
  return command;
}
