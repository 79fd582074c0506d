// Tests of calendar periods in a zone: Shanghai (no DST), UTC, and a DST zone around its change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localClock, localDate, startOfPeriod } from './calendar.js';

describe('startOfPeriod', () => {
  it('finds the local day, month and year in Asia/Shanghai (UTC+8)', () => {
    const instant = Date.parse('2026-03-15T17:30:00Z'); // 01:30 on 16 March in Shanghai
    assert.deepEqual(localDate(instant, 'Asia/Shanghai'), { year: 2026, month: 3, day: 16 });
    assert.equal(
      new Date(startOfPeriod(instant, 'day', 'Asia/Shanghai')).toISOString(),
      '2026-03-15T16:00:00.000Z',
    );
    assert.equal(
      new Date(startOfPeriod(instant, 'month', 'Asia/Shanghai')).toISOString(),
      '2026-02-28T16:00:00.000Z',
    );
    assert.equal(
      new Date(startOfPeriod(instant, 'year', 'Asia/Shanghai')).toISOString(),
      '2025-12-31T16:00:00.000Z',
    );
  });

  it('is plain UTC midnight in UTC', () => {
    const instant = Date.parse('2026-07-04T23:59:59.999Z');
    assert.equal(new Date(startOfPeriod(instant, 'day', 'UTC')).toISOString(), '2026-07-04T00:00:00.000Z');
  });

  it('uses the offset in force at local midnight on a daylight-saving day', () => {
    // Europe/London moves to BST (UTC+1) at 01:00 UTC on 29 March 2026; midnight that day is still GMT.
    const instant = Date.parse('2026-03-29T12:00:00Z');
    assert.equal(
      new Date(startOfPeriod(instant, 'day', 'Europe/London')).toISOString(),
      '2026-03-29T00:00:00.000Z',
    );
    const summer = Date.parse('2026-07-01T12:00:00Z');
    assert.equal(
      new Date(startOfPeriod(summer, 'day', 'Europe/London')).toISOString(),
      '2026-06-30T23:00:00.000Z',
    );
  });

  it('moves to the next day, month and year as time crosses local midnight (the last period is cached)', () => {
    const beforeMidnight = Date.parse('2026-12-31T15:59:59.999Z'); // 23:59:59.999 on 31 December in Shanghai
    assert.equal(
      new Date(startOfPeriod(beforeMidnight, 'day', 'Asia/Shanghai')).toISOString(),
      '2026-12-30T16:00:00.000Z',
    );
    assert.equal(
      new Date(startOfPeriod(beforeMidnight, 'year', 'Asia/Shanghai')).toISOString(),
      '2025-12-31T16:00:00.000Z',
    );
    const afterMidnight = beforeMidnight + 1;
    assert.equal(
      new Date(startOfPeriod(afterMidnight, 'day', 'Asia/Shanghai')).toISOString(),
      '2026-12-31T16:00:00.000Z',
    );
    assert.equal(
      new Date(startOfPeriod(afterMidnight, 'month', 'Asia/Shanghai')).toISOString(),
      '2026-12-31T16:00:00.000Z',
    );
    assert.equal(
      new Date(startOfPeriod(afterMidnight, 'year', 'Asia/Shanghai')).toISOString(),
      '2026-12-31T16:00:00.000Z',
    );
    // And back: an earlier instant is not answered from the newer cached period.
    assert.equal(
      new Date(startOfPeriod(beforeMidnight, 'day', 'Asia/Shanghai')).toISOString(),
      '2026-12-30T16:00:00.000Z',
    );
  });
});

describe('localClock', () => {
  it("gives the date and time people read in the zone, across the date line of the zone's midnight", () => {
    const instant = Date.parse('2026-03-14T17:05:00Z');
    assert.deepEqual(localClock(instant, 'Asia/Shanghai'), { date: '2026-03-15', time: '01:05' });
    assert.deepEqual(localClock(instant, 'UTC'), { date: '2026-03-14', time: '17:05' });
    assert.deepEqual(localClock(instant, 'America/New_York'), { date: '2026-03-14', time: '13:05' });
  });
});
