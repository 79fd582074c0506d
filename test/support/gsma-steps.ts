// Steps shared by the GSMA batch tests: a merchant with money to pay out, and waiting for a batch to be paid.
import assert from 'node:assert/strict';
import type { TestApp } from '../../src/channels/http/test-app.js';
import type { ApiDriver, Customer } from './api-driver.js';
import { basicAuth, type GsmaAuth, gsmaGet, gsmaPost, newClient } from './gsma-driver.js';
import { onboardMerchant, type TestMerchant } from './merchant-driver.js';

/**
 * A merchant whose account holds `float` less its fee (a customer paid it with a code the operator's client
 * issued), with its own client's credentials and the operator's.
 */
export async function merchantWithFloat(
  test: TestApp,
  api: ApiDriver,
  options: { customerPhone: string; name: string; float: string },
): Promise<{ merchant: TestMerchant; auth: GsmaAuth; operator: GsmaAuth; customer: Customer }> {
  const customer = await api.register(options.customerPhone);
  await api.fund(customer.phone, options.float);
  const merchant = await onboardMerchant(test, { name: options.name });
  const auth = basicAuth(await newClient(test, merchant.id));
  const operator = basicAuth(await newClient(test));
  const amount = { amount: options.float, currency: 'CNY' };
  const code = await gsmaPost(
    test,
    `/accounts/msisdn/${customer.phone}/authorisationcodes`,
    operator,
    amount,
  );
  const paid = await gsmaPost(test, '/transactions/type/merchantpay', auth, {
    ...amount,
    oneTimeCode: code.json<{ authorisationCode: string }>().authorisationCode,
  });
  assert.equal(paid.statusCode, 201, paid.body);
  return { merchant, auth, operator, customer };
}

export interface BatchCounts {
  batchStatus: string;
  completedCount: number;
  parsingSuccessCount: number;
}

/** A batch as it is now (in any state, its body checked against the spec). */
export async function peekBatch(test: TestApp, auth: GsmaAuth, batchId: string): Promise<BatchCounts> {
  return (await gsmaGet(test, `/batchtransactions/${batchId}`, auth)).json<BatchCounts>();
}

/** Waits until an approved batch is paid. */
export async function awaitBatchCompleted(test: TestApp, auth: GsmaAuth, batchId: string): Promise<void> {
  while ((await peekBatch(test, auth, batchId)).batchStatus !== 'completed') {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
