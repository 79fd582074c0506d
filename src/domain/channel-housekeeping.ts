// Forgets what the feature-phone channels keep only for a while: ended USSD sessions and old inbound SMS ids.
import { DAY_MS, HOUR_MS } from './clock.js';
import type { DomainContext } from './context.js';

/** A gateway retries a message for minutes, not days: a week of ids is plenty to run each message once. */
const INBOUND_SMS_KEPT_MS = 7 * DAY_MS;

export async function forgetOldChannelState(ctx: DomainContext): Promise<void> {
  const now = ctx.clock();
  await ctx.db.run('DELETE FROM sms_inbound WHERE received_at < $1', [BigInt(now - INBOUND_SMS_KEPT_MS)]);
  await ctx.db.run('DELETE FROM ussd_sessions WHERE expires_at < $1', [BigInt(now - HOUR_MS)]);
}
