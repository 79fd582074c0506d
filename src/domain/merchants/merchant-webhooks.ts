// A merchant's webhook endpoint: set with a safety check of the URL, with a fresh signing secret sealed at rest.
import { seal, unseal } from '../../secrets/sealed-box.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { newWebhookSecret, webhookSecretBytes } from '../events/webhook-signature.js';
import { checkWebhookUrl, type WebhookUrlCheck } from '../events/webhook-url.js';

export type WebhookSetResult =
  | { ok: true; url: string; secret: string }
  | Extract<WebhookUrlCheck, { ok: false }>;

/** Sets (or replaces) the webhook URL, audited; a new secret is issued each time and shown only in this answer. */
export async function setWebhookEndpoint(
  ctx: DomainContext,
  merchantId: string,
  url: string,
  actor: string,
): Promise<WebhookSetResult> {
  const checked = await checkWebhookUrl(url, { allowPrivate: ctx.settings.merchants.allowPrivateWebhooks });
  if (!checked.ok) return checked;
  const secret = newWebhookSecret();
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      'UPDATE merchants SET webhook_url = $1, webhook_secret = $2, updated_at = $3 WHERE id = $4',
      [
        checked.url.href,
        seal(ctx.keys.merchantSecrets, Buffer.from(secret, 'utf8')),
        BigInt(now),
        merchantId,
      ],
    );
    await recordAudit(
      tx,
      {
        actor,
        action: 'merchant.webhook.set',
        subject: `merchant:${merchantId}`,
        details: { url: checked.url.href },
      },
      now,
    );
  });
  return { ok: true, url: checked.url.href, secret };
}

/** The key that signs a merchant's webhooks, or undefined before it set an endpoint. */
export async function webhookKeyOf(ctx: DomainContext, merchantId: string): Promise<Buffer | undefined> {
  const row = await ctx.db.get<{ webhook_secret: Buffer | null }>(
    'SELECT webhook_secret FROM merchants WHERE id = $1',
    [merchantId],
  );
  if (!row?.webhook_secret) return undefined;
  return webhookSecretBytes(unseal(ctx.keys.merchantSecrets, row.webhook_secret).toString('utf8'));
}
