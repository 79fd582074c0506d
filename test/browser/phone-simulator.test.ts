// The feature-phone simulator in a real browser: dial the USSD service, check the balance with the PIN, on keypad clicks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserWorld, openBrowserWorld } from '../support/browser.js';

describe('feature-phone simulator (chromium)', () => {
  let world: BrowserWorld;
  let page: Page;
  before(async () => {
    world = await openBrowserWorld();
    page = await world.browser.newPage({ viewport: { width: 420, height: 900 } });
  });
  after(() => world.close());

  const press = async (keys: string) => {
    for (const key of keys) await page.click(`#keys button[data-key="${key}"]`);
  };
  const screen = () => page.locator('#screen');

  it('dials *123#, checks the balance with the PIN and reads the menus in Chinese', async () => {
    await page.goto(`${world.server.url}/phone/`);
    await page.fill('#number', '+8613800000001');
    await press('*123#');
    await page.click('#call');
    await screen().getByText('查询余额').waitFor();
    await press('1');
    await page.click('#call');
    await screen().getByText(/密码/).waitFor();
    await press('147258');
    await page.click('#call');
    await screen()
      .getByText(/1,000\.00/)
      .waitFor();
    assert.doesNotMatch((await screen().textContent()) ?? '', /147258/, 'the PIN is never shown');
    await page.screenshot({ path: world.screenshot('phone-simulator-balance') });
  });

  it('pays the demo café by till code from the keypad, and the SMS notice reaches the inbox', async () => {
    const till = world.server.demo.merchants[0]?.tillCode;
    assert.ok(till);
    await page.click('#end');
    await press('*123#');
    await page.click('#call');
    await screen().getByText('商户付款').waitFor();
    for (const input of ['4', till, '12', '147258']) {
      await press(input);
      await page.click('#call');
      await page.waitForTimeout(50);
    }
    await screen()
      .getByText(/12\.00/)
      .waitFor();
    await page.locator('#inbox li', { hasText: '演示咖啡馆' }).first().waitFor();
    await page.screenshot({ path: world.screenshot('phone-simulator-paid') });
  });

  it('sends the SMS command 余额 and shows the balance reply in the inbox', async () => {
    await page.fill('#sms', '余额');
    await page.click('#send-sms');
    await page.locator('#inbox li', { hasText: '988.00' }).first().waitFor();
    await page.screenshot({ path: world.screenshot('phone-simulator-sms') });
  });
});
