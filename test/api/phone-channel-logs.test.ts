// What the server logs while feature phones use USSD and SMS: requests are logged, PINs and codes never.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SmsPhone } from '../../src/channels/sms/sms-test-phone.js';
import { UssdPhone } from '../../src/channels/ussd/ussd-test-phone.js';
import { createLogger } from '../../src/observability/logger.js';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { GOOD_PIN } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';

const phones = phoneSequence('1378803');
const NEW_PIN = '246813';
const WRONG_PIN = '975310';

/** Every log line, as the most talkative level writes it. */
const lines: string[] = [];
const logger = createLogger('trace', { write: (line: string) => lines.push(line) });

/** The text values of a log line (numbers such as times are left out: a PIN is never a number there). */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...textsOf(inner)]);
}

describeApi(
  'feature-phone channel logs',
  (suite) => {
    it('log every gateway request but no PIN, SMS code or confirmation code typed or sent', async () => {
      lines.length = 0;
      const alice = await suite.api.register(phones());
      const bob = await suite.api.register(phones());
      await suite.api.fund(alice.phone, '100.00');
      const ussd = new UssdPhone(suite.test.app, alice.phone);
      await ussd.dial();
      await ussd.press('1', WRONG_PIN);
      assert.match(await ussd.press(GOOD_PIN), /^END Your balance is/);
      await ussd.dial();
      assert.equal(await ussd.press('7', '1', GOOD_PIN, NEW_PIN, NEW_PIN), 'END Your PIN is changed.');
      await ussd.dial();
      assert.match(await ussd.press('3', bob.phone, '10', '1', NEW_PIN), /SMS code/);
      const otp = await suite.api.lastCode(alice.phone);
      assert.match(await ussd.press(otp), /^END Sent/);
      const malformed = { ...ussd.fields(), text: `1*${NEW_PIN}*x` };
      problemOf(await ussd.post(malformed), 400, 'invalid_request');
      const sms = new SmsPhone(suite.test.app, alice.phone);
      await sms.received();
      // A customer who sends the PIN by mistake: it is not a command, and not logged either.
      assert.match(await sms.ask(`PIN ${NEW_PIN}`), /Unknown command/);
      const question = await sms.ask(`SEND ${bob.phone} 5`);
      const confirmation = /YES (\d{6})/.exec(question)?.[1];
      assert.ok(confirmation, question);
      assert.match(await sms.ask(`YES ${confirmation}`), /You paid/);

      const texts = lines.flatMap((line) => textsOf(JSON.parse(line)));
      assert.ok(
        texts.some((text) => text.includes('/channels/ussd')),
        'requests to the USSD gateway are logged',
      );
      assert.ok(
        texts.some((text) => text.includes('/channels/sms')),
        'requests to the SMS webhook are logged',
      );
      for (const [name, secret] of Object.entries({ GOOD_PIN, NEW_PIN, WRONG_PIN, otp, confirmation })) {
        const leaked = lines.find((line) => textsOf(JSON.parse(line)).some((text) => text.includes(secret)));
        assert.equal(leaked, undefined, `${name} logged`);
      }
    });
  },
  { logger },
);
