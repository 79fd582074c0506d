// A customer's preferences: language, and opting in to password-free small payments (which needs the PIN).
import type { DomainContext } from '../context.js';
import type { Locale } from '../notifications/messages.js';
import { checkPin } from './pin-check.js';

export type PreferencesResult =
  | { ok: true }
  | { ok: false; error: 'pin_required' | 'pin_locked' | 'password_free_unavailable' }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

export async function updatePreferences(
  ctx: DomainContext,
  customerId: string,
  change: { locale?: Locale; passwordFree?: boolean; pin?: string },
): Promise<PreferencesResult> {
  if (change.passwordFree === true) {
    if (!ctx.settings.stepUp.passwordFree.enabled) return { ok: false, error: 'password_free_unavailable' };
    if (change.pin === undefined) return { ok: false, error: 'pin_required' };
    const pin = await checkPin(ctx, customerId, change.pin);
    if (!pin.ok) return pin;
  }
  if (change.locale !== undefined) {
    await ctx.db.run('UPDATE customers SET locale = $1 WHERE id = $2', [change.locale, customerId]);
  }
  if (change.passwordFree !== undefined) {
    await ctx.db.run('UPDATE customers SET password_free = $1 WHERE id = $2', [
      change.passwordFree ? 1n : 0n,
      customerId,
    ]);
  }
  return { ok: true };
}
