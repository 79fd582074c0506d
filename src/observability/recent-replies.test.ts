// Tests of the per-minute reply counters: a rolling window that forgets minutes older than it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentReplies } from './recent-replies.js';

describe('RecentReplies', () => {
  it('counts replies and server errors of the last minutes only', () => {
    let now = Date.parse('2026-11-22T10:00:30Z');
    const recent = new RecentReplies(15, () => now);
    assert.deepEqual(recent.counts(), { minutes: 15, requests: 0, serverErrors: 0 });
    recent.record(200);
    recent.record(503);
    now += 5 * 60_000;
    recent.record(201);
    recent.record(500);
    recent.record(404);
    assert.deepEqual(recent.counts(), { minutes: 15, requests: 5, serverErrors: 2 });
    // Fifteen minutes after the first two, they have left the window; the later three remain.
    now += 10 * 60_000;
    assert.deepEqual(recent.counts(), { minutes: 15, requests: 3, serverErrors: 1 });
    // A slot reused a whole window later starts again from zero.
    now += 10 * 60_000;
    recent.record(200);
    assert.deepEqual(recent.counts(), { minutes: 15, requests: 1, serverErrors: 0 });
  });
});
