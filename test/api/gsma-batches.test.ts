// GSMA bulk disbursements on both databases: 10,000 payees paid exactly once, with a rejection list for the invalid ones.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeApi } from '../support/api-suite.js';
import { openWallets } from '../support/bulk-wallets.js';
import {
  assertGsmaError,
  basicAuth,
  gsmaCall,
  gsmaGet,
  gsmaPost,
  newClient,
} from '../support/gsma-driver.js';
import { awaitBatchCompleted, merchantWithFloat, peekBatch } from '../support/gsma-steps.js';

const PAYEES = 10_000;
const UNKNOWN = 50;
const WRONG_TYPE = 30;
const WRONG_CURRENCY = 20;

const msisdn = (value: string) => [{ key: 'msisdn', value }];

/** Payee i gets 0.01 to 0.09 yuan. */
const fen = (i: number) => (i % 9) + 1;

describeApi('GSMA batch disbursements', (suite) => {
  it('pays 10,000 payees once after approval, exact to the fen, and lists the invalid items as rejections', async () => {
    // The merchant's float: a customer pays it 1,000.00 with a pre-authorised code (net of the 0.38 % fee: 996.20).
    const { merchant, auth, operator, customer } = await merchantWithFloat(suite.test, suite.api, {
      customerPhone: '13900140131',
      name: 'Payroll shop',
      float: '1000.00',
    });

    const phones = await openWallets(suite.test, 13500000000, PAYEES);
    const item = (to: string, amount: string, extra: object = {}) => ({
      type: 'disbursement',
      amount,
      currency: 'CNY',
      debitParty: [{ key: 'accountid', value: merchant.id }],
      creditParty: msisdn(to),
      ...extra,
    });
    const transactions = [
      ...phones.map((phone, i) =>
        item(phone, `0.0${fen(i)}`, { requestingOrganisationTransactionReference: `pay-${i}` }),
      ),
      ...Array.from({ length: UNKNOWN }, (_, i) => item(`+86136000${String(i).padStart(5, '0')}`, '0.05')),
      ...Array.from({ length: WRONG_TYPE }, (_, i) => item(phones[i] ?? '', '0.05', { type: 'transfer' })),
      ...Array.from({ length: WRONG_CURRENCY }, (_, i) => item(phones[i] ?? '', '0.05', { currency: 'USD' })),
    ];
    const created = await gsmaPost(suite.test, '/batchtransactions', auth, {
      batchTitle: 'November cashback',
      batchdescription: 'Cashback for every customer',
      transactions,
    });
    assert.equal(created.statusCode, 202, created.body);
    const batchId = created.json<{ objectReference: string }>().objectReference;
    const waiting = await peekBatch(suite.test, auth, batchId);
    assert.deepEqual(
      [waiting.batchStatus, waiting.completedCount, waiting.parsingSuccessCount],
      ['created', 0, PAYEES + UNKNOWN],
    );
    assert.equal(await suite.api.balance(customer.token), '0.00');
    const other = basicAuth(await newClient(suite.test, merchant.id));
    assertGsmaError(
      await gsmaGet(suite.test, `/batchtransactions/${batchId}`, other),
      404,
      'identification',
      'identifierError',
    );

    const approve = [{ op: 'replace', path: '/batchStatus', value: 'approved' }];
    const approved = await gsmaCall(suite.test, 'PATCH', `/batchtransactions/${batchId}`, auth, {
      body: approve,
    });
    assert.equal(approved.statusCode, 204, approved.body);
    await awaitBatchCompleted(suite.test, auth, batchId);
    const batch = (await gsmaGet(suite.test, `/batchtransactions/${batchId}`, auth)).json<{
      completedCount: number;
      rejectionCount: number;
    }>();
    assert.equal(batch.completedCount, PAYEES);
    assert.equal(batch.rejectionCount, UNKNOWN + WRONG_TYPE + WRONG_CURRENCY);
    const again = await gsmaCall(suite.test, 'PATCH', `/batchtransactions/${batchId}`, auth, {
      body: approve,
    });
    assertGsmaError(again, 400, 'businessRule', 'incorrectState');

    const rejections = await gsmaGet(suite.test, `/batchtransactions/${batchId}/rejections?limit=1000`, auth);
    const reasons = rejections.json<{ rejectionReason: string }[]>().map((r) => r.rejectionReason);
    assert.equal(reasons.length, UNKNOWN + WRONG_TYPE + WRONG_CURRENCY);
    assert.equal(reasons.filter((r) => r === 'No account matches the identifier.').length, UNKNOWN);

    // Exact totals: every payee got its amount once, and the merchant paid the sum.
    let paid = 0;
    for (let offset = 0; offset < PAYEES; offset += 1000) {
      const page = await gsmaGet(
        suite.test,
        `/batchtransactions/${batchId}/completions?limit=1000&offset=${offset}`,
        auth,
      );
      const completions = page.json<{ requestingOrganisationTransactionReference: string; link: string }[]>();
      assert.equal(completions.length, 1000);
      paid += completions.length;
      assert.equal(completions[0]?.requestingOrganisationTransactionReference, `pay-${offset}`);
    }
    assert.equal(paid, PAYEES);
    const expected = phones.reduce((sum, _phone, i) => sum + fen(i), 0);
    const { db } = suite.test.platform.ctx;
    const total = await db.get<{ n: bigint | string; total: bigint | string }>(
      "SELECT count(*) AS n, sum(amount) AS total FROM disbursements WHERE merchant_id = $1 AND status = 'completed'",
      [merchant.id],
    );
    assert.deepEqual([Number(total?.n), Number(total?.total)], [PAYEES, expected]);
    const merchantBalance = await gsmaGet(
      suite.test,
      `/accounts/msisdn/${phones[PAYEES - 1]}/balance`,
      operator,
    );
    assert.equal(
      merchantBalance.json<{ availableBalance: string }>().availableBalance,
      `0.0${fen(PAYEES - 1)}`,
    );
    const account = await db.get<{ account_id: string }>('SELECT account_id FROM merchants WHERE id = $1', [
      merchant.id,
    ]);
    const [ledger] = await suite.test.platform.ctx.ledger.lookupAccounts([BigInt(account?.account_id ?? 0)]);
    assert.equal((ledger?.creditsPosted ?? 0n) - (ledger?.debitsPosted ?? 0n), 99_620n - BigInt(expected));
  });
});
