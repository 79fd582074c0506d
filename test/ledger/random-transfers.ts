// Random but valid-looking ledger traffic for load and fault tests: plain, pending, post/void and linked transfers.
import { TransferFlags, type TransferInput } from '../../src/ledger/types.js';

export const LEDGER = 156;
export const ISSUER = 1_000_000n;

export interface TrafficShape {
  /** Customer-like accounts 1..accounts, each with debitsMustNotExceedCredits. */
  accounts: number;
  /** Accounts 1..hot receive and send half of all transfers. */
  hot: number;
}

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be replayed from its seed. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createTrafficGenerator(shape: TrafficShape, firstId: bigint, random: () => number) {
  let nextId = firstId;
  const openPending: bigint[] = [];
  const pick = () =>
    BigInt(
      1 + Math.floor(random() * (random() < 0.5 ? Math.min(shape.hot, shape.accounts) : shape.accounts)),
    );
  const pair = (): [bigint, bigint] => {
    const a = pick();
    let b = pick();
    if (b === a) b = (a % BigInt(shape.accounts)) + 1n;
    return [a, b];
  };
  const plain = (flags = 0): TransferInput => {
    const [debitAccountId, creditAccountId] = pair();
    return {
      id: nextId++,
      debitAccountId,
      creditAccountId,
      amount: BigInt(1 + Math.floor(random() * 200)),
      ledger: LEDGER,
      code: 1,
      flags,
    };
  };

  /** One batch of `size` items: mostly plain transfers, some pending (with timeouts), posts, voids, chains. */
  return function nextBatch(size: number): TransferInput[] {
    const batch: TransferInput[] = [];
    while (batch.length < size) {
      const roll = random();
      if (roll < 0.1) {
        const t = { ...plain(TransferFlags.pending), timeout: random() < 0.5 ? 1 : 0 };
        openPending.push(t.id);
        batch.push(t);
      } else if (roll < 0.2 && openPending.length > 0) {
        const pendingId = openPending.splice(Math.floor(random() * openPending.length), 1)[0] as bigint;
        const flags = random() < 0.5 ? TransferFlags.postPendingTransfer : TransferFlags.voidPendingTransfer;
        batch.push({ id: nextId++, pendingId, amount: 0n, flags });
      } else if (roll < 0.3 && size - batch.length >= 2) {
        batch.push(plain(TransferFlags.linked), plain());
      } else {
        batch.push(plain());
      }
    }
    return batch;
  };
}
