// The domain wired together: database schema, operator accounts, services, SMS delivery and background jobs.
import type { Ledger } from '../ledger/ledger.js';
import { migrateDatabase } from '../storage/sql/migrate.js';
import type { SqlDatabase } from '../storage/sql/sql-database.js';
import { forgetOldChannelState } from './channel-housekeeping.js';
import { resumeApprovedBatches } from './clients/batches.js';
import { createGsmaCallbacks, type GsmaCallbacks } from './clients/gsma-callbacks.js';
import type { Clock } from './clock.js';
import type { DomainContext } from './context.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './events/webhook-dispatcher.js';
import type { DomainKeys } from './keys.js';
import { pruneNonces } from './merchants/merchant-credentials.js';
import { expireOrders } from './merchants/merchant-orders.js';
import { webhookKeyOf } from './merchants/merchant-webhooks.js';
import { createDevSmsOutbox, type DevSmsOutbox } from './notifications/dev-sms-outbox.js';
import { createSmsDispatcher, type SmsDispatcher } from './notifications/dispatcher.js';
import { createHttpSmsGateway } from './notifications/sms-gateway.js';
import type { SmsSender } from './notifications/sms-port.js';
import { expireCashOutRequests } from './payments/cash-out-requests.js';
import { settleStaleDisbursements } from './payments/disbursements.js';
import { settleStaleRefunds } from './payments/merchant-refunds.js';
import { settleStaleMerchantPayments } from './payments/merchant-settle.js';
import { returnExpiredClaims } from './payments/p2p-claims.js';
import { createP2pConfirmer, type P2pConfirmer } from './payments/p2p-confirm.js';
import { settleStalePayments } from './payments/p2p-settle.js';
import { domainMigrations } from './schema.js';
import type { WalletSettings } from './settings.js';
import type { SmsConfig } from './settings-env.js';
import { ensureOperatorAccounts } from './wallets/accounts.js';
import {
  CUSTOMERS,
  freezeClosedAccounts,
  MERCHANTS,
  reopenAbandonedClosures,
} from './wallets/closing-claims.js';

export interface Platform {
  ctx: DomainContext;
  p2p: P2pConfirmer;
  sms: SmsDispatcher;
  webhooks: WebhookDispatcher;
  /** GSMA API callbacks (X-Callback-URL) and the requests waiting on a customer. */
  gsmaCallbacks: GsmaCallbacks;
  /** The dev SMS outbox, when SMS are not sent through a gateway. */
  devSms: DevSmsOutbox | undefined;
  /** Runs the periodic jobs once now (tests; the timers run them in the background). */
  runJobs(): Promise<void>;
  /** Starts SMS delivery and the periodic jobs. */
  start(): void;
  /** Stops the background work and waits for what is running. Does not close the database or ledger. */
  stop(): Promise<void>;
}

export interface PlatformDeps {
  db: SqlDatabase;
  ledger: Ledger;
  clock: Clock;
  keys: DomainKeys;
  settings: WalletSettings;
  sms: SmsConfig;
}

/** A pending payment this old is settled by the recovery job (its request died before finishing). */
const STALE_PAYMENT_MS = 60_000;

export async function openPlatform(deps: PlatformDeps): Promise<Platform> {
  await migrateDatabase(deps.db, domainMigrations);
  await ensureOperatorAccounts(deps.ledger, deps.settings.currency);
  const ctx: DomainContext = {
    db: deps.db,
    ledger: deps.ledger,
    clock: deps.clock,
    keys: deps.keys,
    settings: deps.settings,
  };
  let devSms: DevSmsOutbox | undefined;
  let sender: SmsSender;
  if (deps.sms.kind === 'dev') {
    devSms = createDevSmsOutbox(deps.db, deps.clock);
    sender = devSms;
  } else {
    sender = createHttpSmsGateway(deps.sms.gateway);
  }
  const sms = createSmsDispatcher(deps.db, sender, deps.clock);
  const webhooks = createWebhookDispatcher({
    db: deps.db,
    clock: deps.clock,
    secretFor: (merchantId) => webhookKeyOf(ctx, merchantId),
    allowPrivate: deps.settings.merchants.allowPrivateWebhooks,
  });
  const gsmaCallbacks = createGsmaCallbacks({
    ctx,
    allowPrivate: deps.settings.merchants.allowPrivateWebhooks,
  });
  let jobs: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const runJobs = () => {
    jobs ??= (async () => {
      // First: a wallet frozen by a dead closing attempt would refuse the payments settled next.
      for (const holders of [CUSTOMERS, MERCHANTS]) {
        await reopenAbandonedClosures(ctx, holders);
        await freezeClosedAccounts(ctx, holders);
      }
      await settleStalePayments(ctx, STALE_PAYMENT_MS);
      await returnExpiredClaims(ctx);
      await settleStaleMerchantPayments(ctx, STALE_PAYMENT_MS);
      await settleStaleRefunds(ctx, STALE_PAYMENT_MS);
      await settleStaleDisbursements(ctx, STALE_PAYMENT_MS);
      await resumeApprovedBatches(ctx);
      await expireOrders(ctx);
      await expireCashOutRequests(ctx);
      await pruneNonces(ctx);
      await forgetOldChannelState(ctx);
    })().finally(() => {
      jobs = undefined;
    });
    return jobs;
  };
  return {
    ctx,
    p2p: createP2pConfirmer(ctx),
    sms,
    webhooks,
    gsmaCallbacks,
    devSms,
    runJobs,
    start() {
      sms.start(1000);
      webhooks.start(1000);
      gsmaCallbacks.start(1000);
      timer ??= setInterval(() => void runJobs().catch(() => undefined), 30_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sms.stop();
      await webhooks.stop();
      await gsmaCallbacks.stop();
      await jobs?.catch(() => undefined);
    },
  };
}
