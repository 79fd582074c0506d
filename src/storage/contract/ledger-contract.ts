// The storage contract: one suite of node:test tests that every LedgerStore adapter must pass, each on a fresh store.
import { describe } from 'node:test';
import { describeAccountContract } from './contract-accounts.js';
import { describeDurabilityContract } from './contract-durability.js';
import { describeGroupCommitContract } from './contract-group-commit.js';
import { describeLinkedContract } from './contract-linked.js';
import { describePendingContract } from './contract-pending.js';
import { describeQueryContract } from './contract-queries.js';
import { describeTimeContract } from './contract-time.js';
import { describeTransferContract } from './contract-transfers.js';
import type { OpenStore } from './fixtures.js';

export type { OpenedStore, OpenStore } from './fixtures.js';

export interface ContractOptions {
  /** The store keeps its data across close and reopen (`open` must then provide `reopen`). */
  durable?: boolean;
}

/** Registers the whole contract for one adapter; `open` must give a fresh, migrated, empty store each time. */
export function describeLedgerStoreContract(
  name: string,
  open: OpenStore,
  options: ContractOptions = {},
): void {
  describe(`LedgerStore contract: ${name}`, () => {
    describeAccountContract(open);
    describeTransferContract(open);
    describeLinkedContract(open);
    describePendingContract(open);
    describeTimeContract(open);
    describeQueryContract(open);
    describeGroupCommitContract(open);
    if (options.durable) describeDurabilityContract(open);
  });
}
