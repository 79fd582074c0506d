// The three web apps together, as a customer, a café owner and the operator's staff live it: payments, a refund,
// a staff lock that stops the customer's payments, a maker–checker reversal, the money back in the wallet.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserWorld, openBrowserWorld } from '../support/browser.js';
import { openCustomer, reverseWithTwoPeople, signInToConsole } from '../support/console-steps.js';
import { logInToPortal, refundInPortal } from '../support/portal-steps.js';
import {
  demoCustomerSends,
  logInFromNewDevice,
  payByQrPicture,
  refusedLogin,
  registerInWallet,
} from '../support/wallet-steps.js';

const PHONE = '+8613700001111';
const PIN = '135790';

describe('end to end: wallet, merchant portal and operator console (chromium)', () => {
  let world: BrowserWorld;
  let wallet: Page;
  let reversedPaymentId: string;
  const cafe = () => {
    const first = world.server.demo.merchants[0];
    assert.ok(first?.ownerPhone, 'the demo café has an owner');
    return { ...first, ownerPhone: first.ownerPhone };
  };
  const balance = (text: string) => wallet.getByTestId('balance').getByText(text).waitFor();

  before(async () => {
    world = await openBrowserWorld({ MWALLET_OTP_INTERVAL_SECONDS: '1' });
    const context = await world.browser.newContext({
      viewport: { width: 400, height: 860 },
      locale: 'en-US',
    });
    wallet = await context.newPage();
  });
  after(() => world.close());

  it('a new customer registers, receives ¥200 and pays the café twice by its QR code', async () => {
    await registerInWallet(world, wallet, PHONE, PIN);
    await demoCustomerSends(world, '137 0000 1111', '200');
    await wallet.reload();
    await balance('¥200.00');
    await payByQrPicture(world, wallet, cafe().qrPayload, '30.00', PIN);
    await balance('¥170.00');
    await payByQrPicture(world, wallet, cafe().qrPayload, '20.00', PIN);
    await balance('¥150.00');
  });

  it('the café owner sees the payments in the portal and refunds the ¥30.00 one; the customer sees the refund', async () => {
    const context = await world.browser.newContext({
      viewport: { width: 1200, height: 900 },
      locale: 'en-US',
    });
    const portal = await context.newPage();
    await logInToPortal(world, portal, cafe().ownerPhone);
    await portal.getByTestId('today').getByText('¥50.00').waitFor();
    await refundInPortal(world, portal, '¥30.00', '30.00', 'order cancelled');
    await context.close();

    await wallet.goto(`${world.server.url}/wallet/#/`);
    await wallet.reload();
    await balance('¥180.00');
    await wallet.getByRole('link', { name: 'History' }).click();
    await wallet.getByTestId('entries').getByText('+¥30.00').waitFor();
    assert.match((await wallet.getByTestId('entries').textContent()) ?? '', /Refunds/);
  });

  it('support locks the customer: the wallet is signed out and the customer cannot pay or log back in', async () => {
    const support = await signInToConsole(world, 'support1');
    await openCustomer(support, PHONE);
    await support.getByTestId('balance').getByText('¥180.00').waitFor();
    const row = support.getByTestId('merchant-payments').locator('tr', { hasText: '¥20.00' });
    reversedPaymentId = ((await row.locator('code').textContent()) ?? '').trim();
    assert.match(reversedPaymentId, /^mpy_/);
    await support.getByLabel('Reason').fill('card and phone reported stolen');
    await support.getByRole('button', { name: 'Lock wallet' }).click();
    await support
      .getByTestId('lock-state')
      .getByText(/Locked/)
      .waitFor();
    await support.context().close();

    await wallet.goto(`${world.server.url}/wallet/#/pay`);
    await wallet.getByLabel('Merchant code (8 digits)').fill(cafe().tillCode);
    await wallet.getByRole('button', { name: 'Find merchant' }).click();
    await wallet.getByRole('link', { name: 'Log in' }).waitFor();
    assert.match(await refusedLogin(world, wallet, PHONE, PIN), /locked/i);
  });

  it('finance reverses the ¥20.00 payment with maker–checker; once unlocked the customer sees ¥200.00', async () => {
    const { makerCanApprove } = await reverseWithTwoPeople(
      world,
      reversedPaymentId,
      'charged for a cancelled order',
    );
    assert.equal(makerCanApprove, false, 'the maker cannot approve their own request');

    // The risk team unlocks (support1 signed in moments ago: the same authenticator code would be refused).
    const support = await signInToConsole(world, 'risk1');
    await openCustomer(support, PHONE);
    await support.getByTestId('balance').getByText('¥200.00').waitFor();
    await support.getByLabel('Reason').fill('identity confirmed at the branch');
    await support.getByRole('button', { name: 'Unlock wallet' }).click();
    await support
      .getByTestId('lock-state')
      .getByText(/Not locked/)
      .waitFor();
    await support.context().close();

    await wallet.waitForTimeout(1_100);
    await logInFromNewDevice(world, wallet, PHONE, PIN);
    await balance('¥200.00');
    await wallet.getByRole('button', { name: '中文' }).click();
    await wallet.getByText('余额').waitFor();
    await wallet.screenshot({ path: world.screenshot('end-to-end-wallet-zh') });
  });
});
