// The customer wallet in a real browser: register, receive money, pay the demo café by QR picture, history, pay code, zh-CN.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type BrowserWorld, openBrowserWorld } from '../support/browser.js';
import { writeQrVideo } from '../support/qr-video.js';
import {
  agentAsksCashOut,
  demoCustomerSends,
  payByQrPicture,
  refusedLogin,
  registerInWallet,
} from '../support/wallet-steps.js';

const NEW_PHONE = '+8613912345678';
const NEW_PIN = '135790';

/** The amount in a money text such as `¥1,234.50`. */
const moneyIn = (text: string) => Number(text.replace(/[^0-9.]/g, ''));

describe('customer wallet web app (chromium)', () => {
  let world: BrowserWorld;
  let newcomer: BrowserContext;
  let page: Page;
  before(async () => {
    // A second between SMS codes to one number (60 s by default), so a flow needing two codes runs quickly.
    // The fake camera films the demo café's QR sticker.
    world = await openBrowserWorld(
      { MWALLET_OTP_INTERVAL_SECONDS: '1' },
      {
        chromiumArgs: async (server, dir) => {
          const video = join(dir, 'cafe-qr.y4m');
          await writeQrVideo(video, server.demo.merchants[0]?.qrPayload ?? '');
          return ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`];
        },
      },
    );
    newcomer = await world.browser.newContext({ viewport: { width: 400, height: 860 }, locale: 'en-US' });
    await newcomer.grantPermissions(['camera']);
    page = await newcomer.newPage();
  });
  after(() => world.close());

  it('registers a new number with the SMS code and a PIN, and lands on an empty wallet', async () => {
    await registerInWallet(world, page, NEW_PHONE, NEW_PIN);
    await page.getByTestId('balance').getByText('¥0.00').waitFor();
    await page.screenshot({ path: world.screenshot('wallet-home-empty') });
  });

  it('receives money a demo customer sends from another browser (new device: SMS code, then the fee shown)', async () => {
    await demoCustomerSends(world, '139 1234 5678', '100');
    await page.reload();
    await page.getByTestId('balance').getByText('¥100.00').waitFor();
    assert.match((await page.getByTestId('entries').textContent()) ?? '', /Received/);
  });

  it('pays the demo café by uploading a picture of its QR sticker, with the PIN', async () => {
    const cafe = world.server.demo.merchants[0];
    assert.ok(cafe);
    await payByQrPicture(world, page, cafe.qrPayload, '12.50', NEW_PIN);
    await page.getByTestId('balance').getByText('¥87.50').waitFor();
    assert.match((await page.getByTestId('entries').textContent()) ?? '', new RegExp(cafe.name));
  });

  it('pays by the till code too, and refuses a wrong PIN with a readable message and no charge', async () => {
    const cafe = world.server.demo.merchants[0];
    assert.ok(cafe);
    await page.getByRole('link', { name: 'Scan to pay' }).click();
    await page.getByLabel('Merchant code (8 digits)').fill(cafe.tillCode);
    await page.getByRole('button', { name: 'Find merchant' }).click();
    await page.getByLabel('Amount').fill('7.50');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByLabel('PIN (6 digits)').fill('000001');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /PIN/);
    await page.getByLabel('PIN (6 digits)').fill(NEW_PIN);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('heading', { name: 'Paid' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('balance').getByText('¥80.00').waitFor();
  });

  it('pays the demo café by pointing the camera at its QR sticker', async () => {
    const cafe = world.server.demo.merchants[0];
    assert.ok(cafe);
    await page.getByRole('link', { name: 'Scan to pay' }).click();
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    await page.getByTestId('merchant-name').getByText(cafe.name).waitFor();
    await page.getByLabel('Amount').fill('5.00');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByLabel('PIN (6 digits)').fill(NEW_PIN);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('heading', { name: 'Paid' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('balance').getByText('¥75.00').waitFor();
  });

  it('lists the payments in history with the spending chart, and shows a payment code', async () => {
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByText(/Spending by category/).waitFor();
    const entries = (await page.getByTestId('entries').textContent()) ?? '';
    assert.match(entries, /Demo Café/);
    assert.match(entries, /-¥12\.50/);
    assert.match(entries, /\+¥100\.00/);
    await page.screenshot({ path: world.screenshot('wallet-history'), fullPage: true });

    await page.goto(`${world.server.url}/wallet/#/pay-code`);
    const code = (await page.getByTestId('payment-code').textContent()) ?? '';
    assert.match(code.replace(/\s/g, ''), /^\d{16,19}$/);
    await page.screenshot({ path: world.screenshot('wallet-pay-code') });
  });

  it('makes a single-use cash-out code for an agent, confirmed with the PIN', async () => {
    await page.goto(`${world.server.url}/wallet/#/`);
    await page.getByRole('link', { name: 'Cash out' }).click();
    await page.getByLabel('Amount').fill('10');
    await page.getByLabel('PIN (6 digits)').fill(NEW_PIN);
    await page.getByRole('button', { name: 'Make the code' }).click();
    const code = (await page.getByTestId('cash-out-code').textContent()) ?? '';
    assert.match(code.replace(/\s/g, ''), /^\d{12}$/);
    assert.match((await page.getByRole('status').textContent()) ?? '', /take ¥10\.00 in cash/);
    await page.screenshot({ path: world.screenshot('wallet-cash-out') });
  });

  it("confirms an agent's cash-out request with the PIN; the balance drops by the cash taken", async () => {
    await page.goto(`${world.server.url}/wallet/#/`);
    const before = moneyIn((await page.getByTestId('balance').textContent()) ?? '');
    const agent = await agentAsksCashOut(world, NEW_PHONE, '20.00');
    await page.reload();
    await page.getByRole('link', { name: /1 payment request/ }).click();
    const card = page.getByRole('region', { name: `Cash out at ${agent}` });
    await card.getByText('¥20.00').waitFor();
    await card.getByLabel('PIN (6 digits)').fill(NEW_PIN);
    await card.getByRole('button', { name: 'Confirm' }).click();
    await card.getByText('Confirmed: collect your cash from the agent').waitFor();
    await page.screenshot({ path: world.screenshot('wallet-cash-out-request') });
    await page.goto(`${world.server.url}/wallet/#/`);
    await page
      .getByTestId('balance')
      .getByText(`¥${(before - 20).toFixed(2)}`)
      .waitFor();
  });

  it('shows the class and its limits, and applies for Class II with an ID card (then under review)', async () => {
    await page.goto(`${world.server.url}/wallet/#/account`);
    const limits = page.getByTestId('limits');
    await limits.getByText('¥1,000.00').first().waitFor();
    assert.match((await limits.textContent()) ?? '', /Today, used \/ limit¥\d/);
    await page.getByRole('heading', { name: 'Account class: Class I' }).waitFor();
    await page.getByLabel('Class wanted').selectOption('class_2');
    await page.getByLabel('Full name (as on the document)').fill('张三');
    await page.getByLabel('Document number').fill('11010519491231002X');
    await page.getByLabel('Date of birth').fill('1949-12-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page
      .getByTestId('kyc-application')
      .getByText(/Class II · under review/)
      .waitFor();
    await page.getByRole('button', { name: 'Apply' }).waitFor({ state: 'detached' });
    await page.screenshot({ path: world.screenshot('wallet-account'), fullPage: true });
  });

  it('settings: password-free on with the PIN, PIN change, this device listed; a lost phone locks the wallet', async () => {
    await page.goto(`${world.server.url}/wallet/#/settings`);
    await page.getByText('Now: off').waitFor();
    const passwordFree = page.locator('section', { hasText: 'Password-free small payments' });
    await passwordFree.getByLabel('PIN (6 digits)').fill(NEW_PIN);
    await passwordFree.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Now: on').waitFor();

    await page.getByLabel('Current PIN').fill(NEW_PIN);
    await page.getByLabel('New PIN').fill('246813');
    await page.getByRole('button', { name: 'Change PIN' }).click();
    await page.getByText('PIN changed.').waitFor();
    await page.getByText('(this device)').waitFor();
    await page.screenshot({ path: world.screenshot('wallet-settings'), fullPage: true });

    await page.getByRole('button', { name: 'Lost phone: lock my wallet' }).click();
    await page.getByLabel('SMS code').waitFor();
    await page.getByLabel('SMS code').fill(await world.lastSmsCode(NEW_PHONE));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your wallet is locked and every device is logged out.').waitFor();
    await page.screenshot({ path: world.screenshot('wallet-locked') });

    // The thief with the phone cannot log back in, even knowing the PIN and reading the SMS code.
    assert.match(await refusedLogin(world, page, NEW_PHONE, '246813'), /locked/i);
  });

  it('renders in Chinese after switching the language', async () => {
    await page.goto(`${world.server.url}/wallet/#/`);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: '开通钱包' }).waitFor();
    await page.getByText('绑定手机号的电子钱包').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.screenshot({ path: world.screenshot('wallet-home-zh') });
    // Installable: the manifest is linked and the service worker that keeps the app shell is running.
    const worker = await page.evaluate(
      'navigator.serviceWorker.ready.then((r) => r.active && r.active.scriptURL)',
    );
    assert.equal(worker, `${world.server.url}/wallet/sw.js`);
  });
});
