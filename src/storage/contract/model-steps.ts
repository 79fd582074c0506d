// fast-check generators of ledger steps over a small id space, and how their items resolve against earlier ones.
import fc from 'fast-check';
import {
  AccountFlags,
  type AccountInput,
  AMOUNT_MAX,
  ID_MAX,
  TIMEOUT_MAX,
  TransferFlags,
  type TransferInput,
} from '../../ledger/types.js';
import { SECOND } from './fixtures.js';

export const ACCOUNT_IDS = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];
/** Transfer ids 1–40, and one large id so that ids above 2^64 round-trip too. */
export const TRANSFER_IDS = [...Array.from({ length: 40 }, (_, i) => BigInt(i + 1)), (1n << 127n) + 5n];

/** A new input, a copy of an earlier one (optionally changed), or a post/void of an earlier transfer's id. */
export type Item<T> =
  | { kind: 'new'; input: T }
  | { kind: 'again'; back: number; change: Partial<T> }
  | { kind: 'resolve'; back: number; input: T };

export type Step =
  | { kind: 'accounts'; dt: bigint; submissions: Item<AccountInput>[][] }
  | { kind: 'transfers'; dt: bigint; submissions: Item<TransferInput>[][] }
  | { kind: 'expire'; dt: bigint };

const { linked, pending, postPendingTransfer: post, voidPendingTransfer: voidFlag } = TransferFlags;
const { closingDebit, closingCredit } = TransferFlags;
const { debitsMustNotExceedCredits: dmnec, creditsMustNotExceedDebits: cmned, closed } = AccountFlags;

/** Mostly `usual`, sometimes one of `rare`. */
function mostly<T>(usual: fc.Arbitrary<T>, ...rare: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
}

/** A well-formed input, or now and then the same with one field made invalid (each kind of invalid item). */
function sometimesBroken<T>(valid: fc.Arbitrary<T>, breakages: Partial<NoInfer<T>>[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 7, arbitrary: valid },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom(...breakages)).map(([t, broken]) => ({ ...t, ...broken })),
    },
  );
}

/** Adds the `linked` flag to about one item in five. */
function maybeLinked<T extends { flags?: number }>(item: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc
    .tuple(item, fc.integer({ min: 0, max: 4 }))
    .map(([t, dice]) => (dice === 0 ? { ...t, flags: (t.flags ?? 0) | linked } : t));
}

const transferId = fc.constantFrom(...TRANSFER_IDS);
const smallAmount = fc.bigInt(1n, 60n);

/** Clock moves on a half-second grid (so that expiries meet batch timestamps exactly), sometimes back. */
const dt = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -2, max: 6 }).map((k) => (BigInt(k) * SECOND) / 2n) },
  { weight: 1, arbitrary: fc.constantFrom(1n, -1n, 3n, -100n * SECOND) },
);

const accountFields: fc.Arbitrary<Omit<AccountInput, 'id'>> = fc.record({
  ledger: fc.oneof({ weight: 24, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  code: fc.constant(10),
  flags: fc.oneof(
    { weight: 24, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.constantFrom(dmnec, cmned) },
    { weight: 1, arbitrary: fc.constant(closed) },
  ),
  userData32: mostly(fc.constant(0), 1, 2 ** 32 - 1),
  userData64: mostly(fc.constant(0n), (1n << 64n) - 1n),
});

const accountInput: fc.Arbitrary<AccountInput> = maybeLinked(
  sometimesBroken(
    fc
      .tuple(fc.constantFrom(...ACCOUNT_IDS), accountFields)
      .map(([id, fields]): AccountInput => ({ id, ...fields })),
    [
      { id: 0n },
      { id: ID_MAX },
      { id: -1n },
      { ledger: 0 },
      { ledger: 2 ** 32 },
      { code: 0 },
      { code: 2 ** 16 },
      { flags: dmnec | cmned },
      { flags: 1 << 4 },
      { userData32: -1 },
    ],
  ),
);

/** Every account id once (one now and then left out), with random ledger and flags. */
const initialAccounts: fc.Arbitrary<AccountInput[]> = fc
  .tuple(
    fc.tuple(...ACCOUNT_IDS.map((id) => accountFields.map((fields): AccountInput => ({ id, ...fields })))),
    fc.integer({ min: 0, max: 4 * ACCOUNT_IDS.length }),
  )
  .map(([accounts, skip]) => accounts.filter((_, i) => i !== skip));

const movingKind: fc.Arbitrary<Pick<TransferInput, 'flags' | 'timeout'>> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ flags: 0, timeout: 0 }) },
  {
    weight: 8,
    arbitrary: fc.record({ flags: fc.constant(pending), timeout: fc.constantFrom(0, 0, 1, 2, 3) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      flags: fc.constantFrom(pending | closingDebit, pending | closingCredit),
      timeout: fc.constantFrom(1, 2),
    }),
  },
);

const movingInput: fc.Arbitrary<TransferInput> = maybeLinked(
  sometimesBroken(
    fc
      .record({
        id: transferId,
        accounts: fc.uniqueArray(fc.constantFrom(...ACCOUNT_IDS), { minLength: 2, maxLength: 2 }),
        amount: mostly(smallAmount, AMOUNT_MAX - 30n, AMOUNT_MAX),
        ledger: fc.constant(1),
        code: fc.constant(1),
        userData64: mostly(fc.constant(0n), 1n, (1n << 64n) - 1n),
        userData128: mostly(fc.constant(0n), 1n << 100n, ID_MAX - 1n),
        kind: movingKind,
      })
      .map(
        ({ kind, accounts: [debitAccountId = 0n, creditAccountId = 0n], ...t }): TransferInput => ({
          ...t,
          debitAccountId,
          creditAccountId,
          ...kind,
        }),
      ),
    [
      { id: 0n },
      { id: ID_MAX },
      { id: ID_MAX + 1n },
      { debitAccountId: 0n },
      { creditAccountId: 0n },
      { debitAccountId: 9n },
      { debitAccountId: 1n, creditAccountId: 1n },
      { amount: 0n },
      { amount: -1n },
      { amount: AMOUNT_MAX + 1n },
      { ledger: 0 },
      { ledger: 2 },
      { code: 0 },
      { code: 2 ** 16 },
      { flags: 1 << 6 },
      { flags: pending | post },
      { flags: closingDebit },
      { flags: 0, timeout: 1 },
      { timeout: -1 },
      { flags: pending, timeout: TIMEOUT_MAX },
      { pendingId: 3n },
      { userData64: 1n << 64n },
    ],
  ),
);

const resolvingInput: fc.Arbitrary<TransferInput> = maybeLinked(
  sometimesBroken(
    fc.record<TransferInput>({
      id: transferId,
      pendingId: transferId,
      amount: fc.oneof(fc.constant(0n), smallAmount),
      flags: fc.constantFrom(post, voidFlag),
      userData32: mostly(fc.constant(0), 1),
    }),
    [
      { pendingId: 0n },
      { amount: -1n },
      { amount: AMOUNT_MAX + 1n },
      { timeout: 1 },
      { flags: post | voidFlag },
      { flags: post | closingCredit },
      { debitAccountId: 1n },
      { creditAccountId: 2n },
      { ledger: 1 },
      { ledger: 2 },
      { code: 1 },
      { code: 2 },
    ],
  ),
);

function items<T>(fresh: fc.Arbitrary<T>, change: fc.Arbitrary<Partial<T>>, resolve?: fc.Arbitrary<T>) {
  const back = fc.nat({ max: 12 });
  const kinds: fc.WeightedArbitrary<Item<T>>[] = [
    { weight: 6, arbitrary: fresh.map((input) => ({ kind: 'new' as const, input })) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('again' as const), back, change }) },
  ];
  if (resolve) {
    kinds.push({
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('resolve' as const), back, input: resolve }),
    });
  }
  const submission = fc.array(fc.oneof(...kinds), { minLength: 0, maxLength: 6 });
  return fc.array(submission, { minLength: 1, maxLength: 3 });
}

const accountChange: fc.Arbitrary<Partial<AccountInput>> = fc.oneof(
  fc.constant({}),
  fc.constant({}),
  fc.record({ code: fc.constantFrom(10, 12) }),
  fc.record({ flags: fc.constantFrom(0, closed, dmnec) }),
);

const transferChange: fc.Arbitrary<Partial<TransferInput>> = fc.oneof(
  fc.constant({}),
  fc.constant({}),
  fc.constant({}),
  fc.record({ amount: smallAmount }),
  fc.record({ userData32: fc.constantFrom(0, 7) }),
  fc.record({ flags: fc.constantFrom(0, linked, pending) }),
  fc.record({ amount: fc.constant(0n), ledger: fc.constant(0), code: fc.constant(0) }),
);

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('accounts' as const),
      dt,
      submissions: items(accountInput, accountChange),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('transfers' as const),
      dt,
      submissions: items(movingInput, transferChange, resolvingInput),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), dt }) },
);

/** A run: accounts first (so that transfers have something to move), then random steps. */
export const stepsArb: fc.Arbitrary<Step[]> = fc
  .tuple(initialAccounts, fc.array(stepArb, { minLength: 1, maxLength: 30 }))
  .map(([accounts, rest]): Step[] => [
    { kind: 'accounts', dt: 0n, submissions: [accounts.map((input) => ({ kind: 'new', input }))] },
    ...rest,
  ]);

/**
 * Turns items into inputs. `history` holds every input submitted so far (and grows as items resolve);
 * a post/void targets one of `pendingIds` (stored pending transfers) half of the time, else a pending input.
 */
export function resolveItems<T extends Resolvable>(
  submissions: Item<T>[][],
  history: T[],
  pendingIds: bigint[] = [],
): T[][] {
  return submissions.map((items) =>
    items.flatMap((item) => {
      const input = resolveItem(item, history, pendingIds);
      if (input) history.push(input);
      return input ? [input] : [];
    }),
  );
}

type Resolvable = { id: bigint; pendingId?: bigint; flags?: number };

/** The input an item stands for; a copy of an earlier input when there is none yet is dropped. */
function resolveItem<T extends Resolvable>(item: Item<T>, history: T[], pendingIds: bigint[]): T | undefined {
  if (item.kind === 'new') return item.input;
  if (item.kind === 'again') {
    const earlier = pickBack(history, item.back);
    return earlier && { ...earlier, ...item.change };
  }
  const stored = item.back % 2 === 0 ? pickBack(pendingIds, item.back / 2) : undefined;
  const target =
    stored ??
    pickBack(
      history.filter((h) => ((h.flags ?? 0) & pending) !== 0),
      item.back,
    )?.id;
  return target === undefined ? item.input : { ...item.input, pendingId: target };
}

/** The `back`-th latest element, wrapping around; undefined for an empty list. */
function pickBack<T>(list: T[], back: number): T | undefined {
  return list[list.length - 1 - (back % Math.max(1, list.length))];
}
