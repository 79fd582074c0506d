// The API benchmark's customers: funded wallets opted into password-free payments, each with a session and a known payee.
import { createHash } from 'node:crypto';
import type { DomainContext } from '../domain/context.js';
import { findCustomer } from '../domain/customers/customer-queries.js';
import { bindDevice } from '../domain/customers/devices.js';
import { createPinVerifier } from '../domain/customers/pin-hash.js';
import { insertCustomer } from '../domain/customers/registration.js';
import { createSession } from '../domain/customers/sessions.js';
import { newAccountId, newId, newTransferBase } from '../domain/ids.js';
import { settlePayment } from '../domain/payments/p2p-settle.js';
import { insertPayment } from '../domain/payments/payment-queries.js';
import { newLease } from '../domain/payments/settlement-lease.js';
import { openWalletAccount } from '../domain/wallets/accounts.js';
import { issueEMoney } from '../domain/wallets/issuance.js';

export interface BenchPayer {
  token: string;
  /** The number this payer already paid once (so a new payment needs no SMS code). */
  payee: string;
}

const CHUNK = 200;

function benchPhone(i: number): string {
  return `+86139${String(i).padStart(8, '0')}`;
}

async function inChunks<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await Promise.all(items.slice(i, i + CHUNK).map(work));
}

/**
 * Creates `count` customers in a ring: each pays the next. Setup skips the SMS code and PIN steps
 * (it writes customers, devices and sessions directly) but moves the first payment of each pair
 * through the real ledger path, so every payer has really paid its payee before.
 */
export async function createBenchPayers(ctx: DomainContext, count: number): Promise<BenchPayer[]> {
  const verifier = await createPinVerifier(ctx.keys.pinPepper, '135792');
  const indexes = Array.from({ length: count }, (_, i) => i);
  const ids: string[] = [];
  await inChunks(indexes, async (i) => {
    const walletAccountId = newAccountId();
    if ((await openWalletAccount(ctx.ledger, walletAccountId, ctx.settings.currency)) !== 'ok') {
      throw new Error('ledger refused a bench wallet');
    }
    const id = newId('cus');
    ids[i] = id;
    await ctx.db.transaction((tx) =>
      insertCustomer(tx, {
        id,
        phone: benchPhone(i),
        walletAccountId,
        locale: 'en',
        verifier,
        createdAt: ctx.clock(),
      }),
    );
  });
  await ctx.db.run("UPDATE customers SET password_free = 1 WHERE phone LIKE '+86139%'");
  await inChunks(indexes, async (i) => {
    const funded = await issueEMoney(ctx, {
      phone: benchPhone(i),
      amount: '500.00',
      actor: 'bench',
      reason: 'bench',
    });
    if (!funded.ok) throw new Error(`bench funding: ${funded.error}`);
  });
  const payers: BenchPayer[] = [];
  await inChunks(indexes, async (i) => {
    const sender = await findCustomer(ctx.db, ids[i] ?? '');
    const recipient = await findCustomer(ctx.db, ids[(i + 1) % count] ?? '');
    if (!sender || !recipient) throw new Error('bench customer vanished');
    const payment = {
      id: newId('pay'),
      kind: 'p2p' as const,
      customerId: sender.id,
      idempotencyKey: `bench-setup-${i}`,
      requestHash: createHash('sha256').update(`bench-${i}`).digest('base64url'),
      quoteId: null,
      recipientPhone: recipient.phone,
      recipientCustomerId: recipient.id,
      amount: 1n,
      fee: 0n,
      feePayer: 'sender' as const,
      currency: ctx.settings.currency,
      note: 'bench setup',
      transferBase: newTransferBase(),
      authentication: 'pin',
      status: 'pending' as const,
      failureCode: null,
      createdAt: ctx.clock(),
      completedAt: null,
      claimExpiresAt: null,
    };
    const lease = newLease(ctx.clock());
    await ctx.db.transaction((tx) => insertPayment(tx, payment, lease));
    const settled = await settlePayment(ctx, payment, sender, recipient, lease);
    if (settled?.status !== 'completed') throw new Error('bench setup payment failed');
    const session = await ctx.db.transaction(async (tx) => {
      const deviceId = await bindDevice(ctx, tx, {
        customerId: sender.id,
        key: `bench-${i}`,
        name: 'bench',
        boundBy: 'registration',
      });
      return createSession(ctx, tx, sender.id, deviceId);
    });
    payers[i] = { token: session.token, payee: recipient.phone };
  });
  return payers;
}
