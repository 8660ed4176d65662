import { describe, expect, it } from 'vitest';
import { receiverKey, type OutboxRow } from '../../src/feishu/open-api.js';
import { FeishuLimiter, SlidingWindow } from '../../src/feishu/rate-limit.js';

const row = (o: Partial<OutboxRow>): OutboxRow => ({
  id: 1,
  dedupKey: 'k',
  kind: 'SEND',
  receiveIdType: 'open_id',
  receiveId: 'ou_a',
  msgType: 'text',
  content: '{}',
  openIds: null,
  ...o,
});

describe('sliding window', () => {
  it('lets `limit` calls through in a window, then says how long to wait', () => {
    const w = new SlidingWindow({ limit: 2, ms: 1000 });
    w.record('x', 0);
    expect(w.delayFor('x', 10)).toBe(0);
    w.record('x', 10);
    expect(w.delayFor('x', 20)).toBe(980);
    expect(w.delayFor('y', 20)).toBe(0);
    expect(w.delayFor('x', 999)).toBe(1);
    expect(w.delayFor('x', 1000)).toBe(0); // the call at 0 has left the window
  });
});

describe('Feishu limits', () => {
  it('holds the sixth message into one chat within a second, not a message to another chat', () => {
    const l = new FeishuLimiter();
    for (let i = 0; i < 5; i++) l.record(i, 'oc_1');
    expect(l.delayFor(5, 'oc_1')).toBeGreaterThan(0);
    expect(l.delayFor(5, 'oc_2')).toBe(0);
  });

  it('counts replies against the chat they land in', () => {
    expect(receiverKey(row({ kind: 'REPLY', receiveId: 'om_1', receiveIdType: 'chat:oc_9' }))).toBe('oc_9');
    expect(receiverKey(row({ kind: 'SEND', receiveId: 'oc_3', receiveIdType: 'chat_id' }))).toBe('oc_3');
    expect(receiverKey(row({ kind: 'BATCH', receiveId: null }))).toBeUndefined();
  });
});
