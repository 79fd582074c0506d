// USSD sessions live in the database: two server processes of one deployment continue each other's sessions.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../src/channels/http/test-app.js';
import { UssdPhone } from '../../src/channels/ussd/ussd-test-phone.js';
import { phoneSequence } from '../support/api-assertions.js';
import { ApiDriver, GOOD_PIN } from '../support/api-driver.js';
import { STORAGES } from '../support/api-suite.js';

const phones = phoneSequence('1378804');

for (const storage of STORAGES) {
  describe(`USSD sessions across server processes (${storage})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mwallet-ussd-'));
    let first: TestApp;
    let second: TestApp;
    let api: ApiDriver;
    before(async () => {
      const env: Record<string, string> = storage === 'sqlite' ? { MWALLET_DB: join(dir, 'm.db') } : {};
      first = await createTestApp({ storage, env });
      second = await createTestApp({ joins: first });
      api = new ApiDriver(first);
    });
    after(async () => {
      await second?.close();
      await first?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a session dialled on one process goes on on the other, and a step sent to both pays once', async () => {
      const alice = await api.register(phones());
      const bob = await api.register(phones());
      await api.fund(alice.phone, '100.00');
      assert.equal((await api.pay(alice, bob.phone, '1.00')).statusCode, 201);
      const onFirst = new UssdPhone(first.app, alice.phone);
      assert.match(await onFirst.dial(), /^CON mwallet\n1 Balance/);
      const onSecond = onFirst.through(second.app);
      assert.equal(await onSecond.press('3'), 'CON Send money\nEnter the mobile number:');
      const back = onSecond.through(first.app);
      assert.equal(await back.press(bob.phone, '10', '1'), 'CON Enter your PIN:');
      // The gateway's retry of the PIN step reaches the other process while the first attempt still runs.
      const step = { ...back.fields(), text: `${back.fields().text}*${GOOD_PIN}` };
      const answers = await Promise.all([back.post(step), back.through(second.app).post(step)]);
      assert.deepEqual(
        answers.map((answer) => answer.statusCode),
        [200, 200],
        answers.map((answer) => answer.body).join('\n'),
      );
      assert.equal(answers[0]?.body, answers[1]?.body);
      // Sent, or (when the copy still waiting for the payment answered first) still being processed.
      assert.match(answers[0]?.body ?? '', /^END (Sent CN¥10\.00|Your payment is still being processed)/);
      assert.equal(await api.balance(alice.token), '89.00', 'paid once');
    });

    it('a session left idle on one process has timed out on the other; a wrong PIN is counted once', async () => {
      const alice = await api.register(phones());
      await api.fund(alice.phone, '20.00');
      const onFirst = new UssdPhone(first.app, alice.phone);
      await onFirst.dial();
      assert.equal(await onFirst.press('1', '000000'), 'CON Wrong PIN. 4 tries left.\nEnter your PIN:');
      const onSecond = onFirst.through(second.app);
      assert.equal(await onSecond.press('000000'), 'CON Wrong PIN. 3 tries left.\nEnter your PIN:');
      assert.equal(await onSecond.through(first.app).press(GOOD_PIN), 'END Your balance is CN¥20.00.');
      await onSecond.dial();
      await onSecond.press('1');
      first.advance(181_000);
      assert.equal(
        await onSecond.through(first.app).press(GOOD_PIN),
        'END Your session timed out. Dial *123# again.',
      );
    });
  });
}
