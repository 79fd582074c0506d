// Table and property tests of the step-up policy, including the ¥200, ¥1,000-a-day and ¥2,000 boundaries.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DEFAULT_STEP_UP_POLICY,
  type PaymentRiskContext,
  requiredAuthentication,
  type StepUpDecision,
  type StepUpPolicy,
  smsConfirmationDecision,
} from './step-up.js';

const yuan = (value: number): bigint => BigInt(value) * 100n;

/** An opted-in customer on the bound device paying a known payee, with no recent risk event. */
const QUIET: PaymentRiskContext = {
  amount: yuan(50),
  customerOptedIntoPasswordFree: true,
  deviceBound: true,
  passwordFreeUsedToday: 0n,
  newPayee: false,
  hoursSinceNewDevice: null,
  hoursSincePinReset: null,
  hoursSinceSimSwap: null,
};

const NONE: StepUpDecision = { ok: true, authentication: 'none', reasons: ['password_free'] };
const PIN: StepUpDecision = { ok: true, authentication: 'pin', reasons: [] };
const otp = (...reasons: ('large_amount' | 'new_payee' | 'new_device' | 'pin_reset' | 'sim_swap')[]) =>
  ({ ok: true, authentication: 'pin_and_otp', reasons }) satisfies StepUpDecision;
const REFUSED: StepUpDecision = { ok: false, error: 'sim_swap_quarantine' };

interface Row {
  name: string;
  ctx: Partial<PaymentRiskContext>;
  policy?: Partial<StepUpPolicy>;
  expected: StepUpDecision;
}

const TABLE: Row[] = [
  { name: 'a small password-free payment', ctx: {}, expected: NONE },
  { name: 'exactly ¥200 password-free', ctx: { amount: yuan(200) }, expected: NONE },
  { name: '¥200.01 needs the PIN', ctx: { amount: yuan(200) + 1n }, expected: PIN },
  {
    name: 'reaching exactly ¥1,000 today is password-free',
    ctx: { amount: yuan(200), passwordFreeUsedToday: yuan(800) },
    expected: NONE,
  },
  {
    name: 'one fen over ¥1,000 today needs the PIN',
    ctx: { amount: yuan(200), passwordFreeUsedToday: yuan(800) + 1n },
    expected: PIN,
  },
  { name: 'not opted in needs the PIN', ctx: { customerOptedIntoPasswordFree: false }, expected: PIN },
  { name: 'an unbound device needs the PIN', ctx: { deviceBound: false }, expected: PIN },
  {
    name: 'password-free switched off by the operator needs the PIN',
    ctx: {},
    policy: { passwordFree: { ...DEFAULT_STEP_UP_POLICY.passwordFree, enabled: false } },
    expected: PIN,
  },
  { name: 'exactly ¥2,000 needs only the PIN', ctx: { amount: yuan(2_000) }, expected: PIN },
  { name: '¥2,000.01 needs an SMS code', ctx: { amount: yuan(2_000) + 1n }, expected: otp('large_amount') },
  {
    name: 'a new payee needs an SMS code even when small',
    ctx: { newPayee: true },
    expected: otp('new_payee'),
  },
  {
    name: 'a new payee without the new-payee rule',
    ctx: { newPayee: true },
    policy: { otpForNewPayee: false },
    expected: NONE,
  },
  { name: '23.9 h after a new device', ctx: { hoursSinceNewDevice: 23.9 }, expected: otp('new_device') },
  { name: 'exactly 24 h after a new device', ctx: { hoursSinceNewDevice: 24 }, expected: NONE },
  { name: 'right after a PIN reset', ctx: { hoursSincePinReset: 0 }, expected: otp('pin_reset') },
  { name: 'exactly 24 h after a PIN reset', ctx: { hoursSincePinReset: 24 }, expected: NONE },
  {
    name: 'every reason at once, in a stable order',
    ctx: { amount: yuan(5_000), newPayee: true, hoursSinceNewDevice: 1, hoursSincePinReset: 2 },
    expected: otp('large_amount', 'new_payee', 'new_device', 'pin_reset'),
  },
  {
    name: 'SIM swap: ¥200 is allowed with PIN and SMS code',
    ctx: { amount: yuan(200), hoursSinceSimSwap: 1 },
    expected: otp('sim_swap'),
  },
  {
    name: 'SIM swap: ¥200.01 is refused',
    ctx: { amount: yuan(200) + 1n, hoursSinceSimSwap: 71.99 },
    expected: REFUSED,
  },
  {
    name: 'SIM swap: large amounts are refused, not stepped up',
    ctx: { amount: yuan(5_000), hoursSinceSimSwap: 0 },
    expected: REFUSED,
  },
  {
    name: 'SIM swap: other reasons are listed after it',
    ctx: { newPayee: true, hoursSinceSimSwap: 10, hoursSincePinReset: 10 },
    expected: otp('sim_swap', 'new_payee', 'pin_reset'),
  },
  {
    name: 'exactly 72 h after a SIM swap the quarantine is over',
    ctx: { amount: yuan(5_000), hoursSinceSimSwap: 72 },
    expected: otp('large_amount'),
  },
  {
    name: 'an old SIM swap changes nothing',
    ctx: { amount: yuan(100), hoursSinceSimSwap: 1_000, hoursSinceNewDevice: 1_000, hoursSincePinReset: 500 },
    expected: NONE,
  },
];

describe('requiredAuthentication', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const policy = { ...DEFAULT_STEP_UP_POLICY, ...row.policy };
      assert.deepEqual(requiredAuthentication(policy, { ...QUIET, ...row.ctx }), row.expected);
    });
  }

  it('confirms small SMS payments by code, refuses larger ones and any during the SIM-swap quarantine', () => {
    const sms = (change: Partial<PaymentRiskContext>) =>
      smsConfirmationDecision(DEFAULT_STEP_UP_POLICY, {
        amount: yuan(50),
        customerOptedIntoPasswordFree: false,
        deviceBound: false,
        passwordFreeUsedToday: 0n,
        newPayee: true,
        hoursSinceNewDevice: null,
        hoursSincePinReset: null,
        hoursSinceSimSwap: null,
        ...change,
      });
    assert.deepEqual(sms({}), {
      ok: true,
      authentication: 'sms_confirmation',
      reasons: ['sms_confirmation'],
    });
    assert.deepEqual(sms({ amount: yuan(200) }).ok, true);
    assert.deepEqual(sms({ amount: yuan(200) + 1n }), { ok: false, error: 'sms_limit_exceeded' });
    assert.deepEqual(sms({ passwordFreeUsedToday: yuan(960) }), { ok: false, error: 'sms_limit_exceeded' });
    assert.deepEqual(sms({ hoursSinceSimSwap: 71 }), { ok: false, error: 'sim_swap_quarantine' });
    assert.equal(sms({ hoursSinceSimSwap: 72 }).ok, true);
  });

  it('uses the documented defaults', () => {
    assert.deepEqual(DEFAULT_STEP_UP_POLICY, {
      passwordFree: { enabled: true, perPayment: yuan(200), perDay: yuan(1_000) },
      otpAbove: yuan(2_000),
      otpForNewPayee: true,
      otpWithinHoursOfNewDevice: 24,
      otpWithinHoursOfPinReset: 24,
      simSwapQuarantineHours: 72,
    });
  });
});

const STRENGTH = { none: 0, sms_confirmation: 0, pin: 1, partner: 1, pin_and_otp: 2 } as const;
const strength = (decision: StepUpDecision): number => (decision.ok ? STRENGTH[decision.authentication] : 3);

const hours = fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null });
const contextArb: fc.Arbitrary<PaymentRiskContext> = fc.record({
  amount: fc.bigInt({ min: 1n, max: yuan(10_000) }),
  customerOptedIntoPasswordFree: fc.boolean(),
  deviceBound: fc.boolean(),
  passwordFreeUsedToday: fc.bigInt({ min: 0n, max: yuan(1_500) }),
  newPayee: fc.boolean(),
  hoursSinceNewDevice: hours,
  hoursSincePinReset: hours,
  hoursSinceSimSwap: hours,
});

describe('requiredAuthentication properties', () => {
  it('grants password-free only within every password-free condition', () => {
    fc.assert(
      fc.property(contextArb, (ctx) => {
        if (strength(requiredAuthentication(DEFAULT_STEP_UP_POLICY, ctx)) !== 0) return;
        assert.ok(ctx.customerOptedIntoPasswordFree && ctx.deviceBound && !ctx.newPayee);
        assert.ok(ctx.amount <= yuan(200) && ctx.passwordFreeUsedToday + ctx.amount <= yuan(1_000));
      }),
    );
  });

  it('never asks for less when the amount grows', () => {
    fc.assert(
      fc.property(contextArb, fc.bigInt({ min: 0n, max: yuan(5_000) }), (ctx, more) => {
        const smaller = requiredAuthentication(DEFAULT_STEP_UP_POLICY, ctx);
        const larger = requiredAuthentication(DEFAULT_STEP_UP_POLICY, { ...ctx, amount: ctx.amount + more });
        assert.ok(strength(smaller) <= strength(larger));
      }),
    );
  });

  it('asks for an SMS code whenever it gives a reason other than password-free', () => {
    fc.assert(
      fc.property(contextArb, (ctx) => {
        const decision = requiredAuthentication(DEFAULT_STEP_UP_POLICY, ctx);
        if (!decision.ok) return;
        const stepsUp = decision.reasons.some((reason) => reason !== 'password_free');
        assert.equal(stepsUp, decision.authentication === 'pin_and_otp');
      }),
    );
  });
});
