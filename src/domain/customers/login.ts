// Logging in: phone + PIN from a bound device; a new device also needs a verified SMS code and is announced by SMS.
import type { CountryCode } from 'libphonenumber-js';
import type { DomainContext } from '../context.js';
import { notifyCustomer } from '../notifications/notify.js';
import { findCustomerByPhone } from './customer-queries.js';
import { bindDevice, findBoundDevice } from './devices.js';
import { consumeToken, peekToken } from './otp.js';
import { normalizePhone } from './phone.js';
import { checkPin } from './pin-check.js';
import { createSession, type NewSession } from './sessions.js';

export interface LoginRequest {
  phone: string;
  pin: string;
  device: { key: string; name: string };
  /** From verifying a code sent for purpose `login`; needed only on a device not bound yet. */
  verificationToken?: string;
}

export type LoginResult =
  | { ok: true; customerId: string; session: NewSession; newDevice: boolean }
  | {
      ok: false;
      error: 'invalid_credentials' | 'account_locked' | 'pin_locked' | 'device_verification_required';
    }
  | { ok: false; error: 'verification_invalid' }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

export async function login(ctx: DomainContext, request: LoginRequest): Promise<LoginResult> {
  const region: CountryCode = ctx.settings.defaultRegion;
  const phone = normalizePhone(request.phone, region);
  if (!phone.ok) return { ok: false, error: 'invalid_credentials' };
  const customer = await findCustomerByPhone(ctx.db, phone.e164);
  // An unknown number looks like a known one on a new device: the reply does not tell who has a wallet.
  if (!customer) {
    return {
      ok: false,
      error:
        request.verificationToken === undefined ? 'device_verification_required' : 'verification_invalid',
    };
  }
  const bound = await findBoundDevice(ctx.db, customer.id, request.device.key);
  if (!bound) {
    // A device not bound yet gets no PIN guess (and learns nothing) without a valid SMS code for this number.
    if (request.verificationToken === undefined) return { ok: false, error: 'device_verification_required' };
    if ((await peekToken(ctx, request.verificationToken, 'login')) !== customer.phone) {
      return { ok: false, error: 'verification_invalid' };
    }
  }
  if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  const pin = await checkPin(ctx, customer.id, request.pin);
  if (!pin.ok) return pin;
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<LoginResult> => {
    let deviceId = bound?.id;
    if (deviceId === undefined) {
      if ((await consumeToken(ctx, tx, request.verificationToken, 'login')) !== customer.phone) {
        return { ok: false, error: 'verification_invalid' };
      }
      deviceId =
        (await findBoundDevice(tx, customer.id, request.device.key))?.id ??
        (await bindDevice(ctx, tx, { customerId: customer.id, ...request.device, boundBy: 'sms_code' }));
      await notifyCustomer(
        tx,
        customer,
        `new_device:${deviceId}`,
        { kind: 'new_device_login', device: request.device.name, at: new Date(now).toISOString() },
        now,
      );
    } else {
      await tx.run('UPDATE devices SET last_seen_at = $1 WHERE id = $2', [BigInt(now), deviceId]);
    }
    const session = await createSession(ctx, tx, customer.id, deviceId);
    return { ok: true, customerId: customer.id, session, newDevice: bound === undefined };
  });
}
