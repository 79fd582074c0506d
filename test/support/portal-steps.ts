// Steps a merchant's staff take in the merchant portal (English), shared by the browser tests.
import type { Page } from 'playwright-core';
import type { BrowserWorld } from './browser.js';

/** Logs a merchant user in with the SMS code from the dev outbox; ends on the dashboard. */
export async function logInToPortal(world: BrowserWorld, page: Page, phone: string): Promise<void> {
  await page.goto(`${world.server.url}/merchant/`);
  await page.getByLabel('Phone number').fill(phone);
  await page.screenshot({ path: world.screenshot('merchant-login') });
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('SMS code').waitFor();
  await page.getByLabel('SMS code').fill(await world.lastSmsCode(phone));
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

/** Refunds part or all of the newest payment of `paid` (e.g. `¥25.00`) from the transactions screen, with a reason. */
export async function refundInPortal(
  world: BrowserWorld,
  page: Page,
  paid: string,
  amount: string,
  reason: string,
) {
  await page.getByRole('link', { name: 'Transactions' }).click();
  const table = page.getByTestId('payments');
  await table.getByText(paid).first().waitFor();
  await table
    .getByRole('button', { name: `Refund ${paid}`, exact: false })
    .first()
    .click();
  await page.getByLabel('Refund amount').fill(amount);
  await page.getByLabel('Reason').fill(reason);
  await page.screenshot({ path: world.screenshot('merchant-refund') });
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await page.getByText(`Refunded ${amount.startsWith('¥') ? amount : `¥${amount}`}.`).waitFor();
}
