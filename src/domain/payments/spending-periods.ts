// Splits a spending period into what is read row by row and what is read from the daily totals (whole UTC days).
import { UTC_DAY_MS } from './spending-sources.js';

/** A range of instants [from, to). */
export interface Span {
  from: number;
  to: number;
}

/** Later than any instant the platform records. */
export const END_OF_TIME = 2 ** 52;

/**
 * A period from `start` on, split at UTC midnights: the rows of the partial day after `start` and of the current UTC
 * day onwards are read one by one; the whole UTC days between come from the daily totals.
 */
export interface PeriodSplit {
  /** Rows read one by one: [start, first midnight) and [tail, end of time). */
  head: Span;
  tail: number;
  /** The daily totals of days [from, to), as UTC day numbers. */
  days: Span;
}

export function splitPeriod(start: number, now: number): PeriodSplit {
  const today = Math.floor(now / UTC_DAY_MS) * UTC_DAY_MS;
  const firstMidnight = Math.ceil(start / UTC_DAY_MS) * UTC_DAY_MS;
  if (firstMidnight >= today)
    return { head: { from: start, to: start }, tail: start, days: { from: 0, to: 0 } };
  return {
    head: { from: start, to: firstMidnight },
    tail: today,
    days: { from: firstMidnight / UTC_DAY_MS, to: today / UTC_DAY_MS },
  };
}

/** Whether an instant is in the part of the period read row by row. */
export function readsRow(split: PeriodSplit, at: number): boolean {
  return at >= split.tail || (at >= split.head.from && at < split.head.to);
}

/** The fewest disjoint spans covering every given span (empty ones dropped), in order. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}
