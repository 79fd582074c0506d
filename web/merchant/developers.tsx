// API and webhooks: keys and the webhook endpoint for owners, the webhook log and redelivery for managers too.
import { ApiKeys } from './api-keys.js';
import { allows } from './session.js';
import type { Me } from './types.js';
import { WebhookEndpoint, WebhookLog } from './webhooks.js';

export function Developers(props: { me: Me }) {
  const owner = allows(props.me.user?.role, 'owner');
  return (
    <>
      {owner && <ApiKeys />}
      {owner && <WebhookEndpoint url={props.me.webhookUrl} />}
      <WebhookLog />
    </>
  );
}
