// The wallet's business settings (tiers, tariff, step-up, codes, sessions), with the defaults REQUIREMENTS names.
import type { CountryCode } from 'libphonenumber-js';
import type { CurrencyCode } from '../money/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './clock.js';
import { DEFAULT_MERCHANT_FEES, type MerchantFeeTable } from './risk/merchant-fees.js';
import { DEFAULT_STEP_UP_POLICY, type StepUpPolicy } from './risk/step-up.js';
import { DEFAULT_P2P_TARIFF, type Tariff } from './risk/tariff.js';
import { DEFAULT_TIERS, type TierLimits, type TierName } from './risk/tiers.js';

export interface OtpSettings {
  /** How long an SMS code is valid. */
  ttlMs: number;
  /** Wrong guesses allowed per code. */
  maxAttempts: number;
  /** Codes one phone number may be sent per hour. */
  perPhonePerHour: number;
  /** Codes one client address may request per hour. */
  perAddressPerHour: number;
  /** Least time between two codes to the same number. */
  minIntervalMs: number;
  /** How long the token proving a verified code may be used. */
  tokenTtlMs: number;
}

export interface WalletSettings {
  currency: CurrencyCode;
  /** Region assumed for phone numbers written without a country code. */
  defaultRegion: CountryCode;
  /** IANA zone whose calendar days, months and years the limits count in. */
  timeZone: string;
  tiers: Record<TierName, TierLimits>;
  p2pTariff: Tariff;
  stepUp: StepUpPolicy;
  otp: OtpSettings;
  /** Consecutive wrong PINs that lock payments until a reset. */
  pinMaxFailures: number;
  sessionTtlMs: number;
  /** Outgoing payments a customer may make per rolling hour. */
  paymentsPerHour: number;
  /** How long money sent to an unregistered number waits before it returns. */
  claimTtlMs: number;
  quoteTtlMs: number;
  /** Serve the dev SMS outbox at GET /dev/sms (demo and development only). */
  devEndpoints: boolean;
  merchants: MerchantSettings;
  channels: ChannelSettings;
  gsma: GsmaSettings;
}

/** The GSMA Mobile Money API for partners. */
export interface GsmaSettings {
  /**
   * Accept HTTP Basic (consumer key and secret on every call: the spec's "development" security level) besides
   * OAuth2 bearer tokens (its "standard" level). The token endpoint takes Basic either way: that is how a client
   * gets its token.
   */
  allowBasicAuth: boolean;
}

/** The feature-phone channels (USSD, SMS). */
export interface ChannelSettings {
  /** The USSD service code customers dial, e.g. `*123#`. */
  ussdServiceCode: string;
  /** A USSD session left idle this long ends. */
  ussdSessionTtlMs: number;
  /** The till code of the operator's airtime merchant (airtime is bought as a payment to it); null: not offered. */
  airtimeTillCode: string | null;
  /** How long the code confirming an SMS payment is valid. */
  smsConfirmationTtlMs: number;
  /**
   * The bearer token the USSD and SMS gateways must send (they vouch for the phone number). Null: the gateway
   * endpoints are open in demo mode (for the phone simulator) and closed otherwise.
   */
  gatewayToken: string | null;
}

export interface MerchantSettings {
  fees: MerchantFeeTable;
  /** How long a customer's payment code can be charged. */
  paymentCodeTtlMs: number;
  /** Default and longest life of dynamic QR codes, payment requests and checkouts (merchants may ask shorter). */
  orderTtlMs: number;
  maxOrderTtlMs: number;
  /** How long after a payment staff may still reverse it. */
  reversalWindowMs: number;
  /** Webhooks may go to loopback and private addresses (development only). */
  allowPrivateWebhooks: boolean;
  /** Where customers reach this server (hosted checkout links). */
  publicUrl: string;
}

export const DEFAULT_SETTINGS: WalletSettings = {
  currency: 'CNY',
  defaultRegion: 'CN',
  timeZone: 'Asia/Shanghai',
  tiers: DEFAULT_TIERS,
  p2pTariff: DEFAULT_P2P_TARIFF,
  stepUp: DEFAULT_STEP_UP_POLICY,
  otp: {
    ttlMs: 5 * MINUTE_MS,
    maxAttempts: 3,
    perPhonePerHour: 5,
    perAddressPerHour: 20,
    minIntervalMs: MINUTE_MS,
    tokenTtlMs: 10 * MINUTE_MS,
  },
  pinMaxFailures: 5,
  sessionTtlMs: 30 * DAY_MS,
  paymentsPerHour: 20,
  claimTtlMs: 7 * DAY_MS,
  quoteTtlMs: 10 * MINUTE_MS,
  devEndpoints: false,
  merchants: {
    fees: DEFAULT_MERCHANT_FEES,
    paymentCodeTtlMs: MINUTE_MS,
    orderTtlMs: 15 * MINUTE_MS,
    maxOrderTtlMs: DAY_MS,
    reversalWindowMs: 3 * DAY_MS,
    allowPrivateWebhooks: false,
    publicUrl: 'http://127.0.0.1:8080',
  },
  channels: {
    ussdServiceCode: '*123#',
    ussdSessionTtlMs: 180_000,
    airtimeTillCode: null,
    smsConfirmationTtlMs: 5 * MINUTE_MS,
    gatewayToken: null,
  },
  gsma: { allowBasicAuth: false },
};

/** Hours between two instants, or null when the earlier one is absent. */
export function hoursSince(now: number, then: number | null): number | null {
  return then === null ? null : (now - then) / HOUR_MS;
}
