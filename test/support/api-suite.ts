// Runs one describe block of API tests on SQLite and on PostgreSQL, each with a fresh app and a driver.
import { after, before, describe } from 'node:test';
import {
  createTestApp,
  type TestApp,
  type TestAppOptions,
  type TestStorage,
} from '../../src/channels/http/test-app.js';
import { ApiDriver } from './api-driver.js';

export const STORAGES: readonly TestStorage[] = ['sqlite', 'postgres'];

/** What a suite's tests use; valid inside `it` (set up by `before`). */
export interface ApiSuite {
  readonly test: TestApp;
  readonly api: ApiDriver;
}

export function describeApi(
  name: string,
  body: (suite: ApiSuite, storage: TestStorage) => void,
  options: Omit<TestAppOptions, 'storage'> = {},
): void {
  for (const storage of STORAGES) {
    describe(`${name} (${storage})`, () => {
      let current: ApiSuite | undefined;
      const suite: ApiSuite = {
        get test() {
          if (!current) throw new Error('the API suite is used before its setup ran');
          return current.test;
        },
        get api() {
          if (!current) throw new Error('the API suite is used before its setup ran');
          return current.api;
        },
      };
      before(async () => {
        const test = await createTestApp({ ...options, storage });
        current = { test, api: new ApiDriver(test) };
      });
      after(() => current?.test.close());
      body(suite, storage);
    });
  }
}
