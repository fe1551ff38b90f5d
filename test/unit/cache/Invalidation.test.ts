import { describe, expect, it, vi } from 'vitest';
import {
  Invalidation,
  userKeyOf,
  type InvalidationEvent,
} from '../../../src/cache/Invalidation.js';
import { createTokenHasher } from '../../../src/cache/tokenHash.js';

const hasher = createTokenHasher('unit-secret');

function setup(maxTokens = 100) {
  const invalidation = new Invalidation({ maxTokens });
  const dropped: string[] = [];
  const tags: string[][] = [];
  invalidation.register({
    dropToken: (h) => dropped.push(h),
    dropTags: (t) => tags.push([...t]),
  });
  const events: InvalidationEvent[] = [];
  invalidation.observe((e) => events.push(e));
  return { invalidation, dropped, tags, events };
}

describe('Invalidation', () => {
  it('dropUser reaches every token noted for the user, and only theirs', () => {
    const { invalidation, dropped, events } = setup();
    invalidation.noteToken('u1', 'aa01');
    invalidation.noteToken('u1', 'aa02');
    invalidation.noteToken('u2', 'bb01');
    invalidation.dropUser('u1');
    expect(dropped.sort()).toEqual(['aa01', 'aa02']);
    expect(events).toEqual([{ type: 'user', userKey: 'u1' }]);
    expect(invalidation.stats()).toEqual({ tokens: 1, users: 1 });
    // A second drop finds nothing left.
    invalidation.dropUser('u1');
    expect(dropped).toHaveLength(2);
  });

  it('dropToken reaches every listener and forgets the token for dropUser', () => {
    const { invalidation, dropped } = setup();
    const second = vi.fn();
    invalidation.register({ dropToken: second });
    invalidation.noteToken('u1', 'aa01');
    invalidation.dropToken('aa01');
    expect(dropped).toEqual(['aa01']);
    expect(second).toHaveBeenCalledWith('aa01');
    invalidation.dropUser('u1');
    expect(dropped).toEqual(['aa01']);
  });

  it('a token pushed out of the bounded index is dropped from the caches at once', () => {
    const { invalidation, dropped } = setup(2);
    invalidation.noteToken('u1', 'aa01');
    invalidation.noteToken('u1', 'aa02');
    invalidation.noteToken('u2', 'bb01');
    expect(dropped).toEqual(['aa01']);
    expect(invalidation.stats()).toEqual({ tokens: 2, users: 2 });
  });

  it('dropTags goes to listeners and observers; an empty list does nothing', () => {
    const { invalidation, tags, events } = setup();
    invalidation.dropTags([]);
    invalidation.dropTags(['schedules']);
    expect(tags).toEqual([['schedules']]);
    expect(events).toEqual([{ type: 'tags', tags: ['schedules'] }]);
  });

  it('receive applies an event from another replica without publishing it again', () => {
    const { invalidation, dropped, events } = setup();
    invalidation.noteToken('u1', 'aa01');
    invalidation.receive({ type: 'user', userKey: 'u1' });
    expect(dropped).toEqual(['aa01']);
    expect(events).toEqual([]);
  });

  it('unregister stops a listener', () => {
    const invalidation = new Invalidation({ maxTokens: 10 });
    const listener = vi.fn();
    const unregister = invalidation.register({ dropToken: listener });
    unregister();
    invalidation.dropToken('aa01');
    expect(listener).not.toHaveBeenCalled();
  });

  it('userKeyOf is an HMAC: stable, distinct per user and contact center, no readable name', () => {
    const a = userKeyOf(hasher, { username: 'sam', contactCenterId: 'cc1' });
    expect(a).toBe(userKeyOf(hasher, { username: 'sam', contactCenterId: 'cc1' }));
    expect(a).not.toBe(userKeyOf(hasher, { username: 'sam', contactCenterId: 'cc2' }));
    expect(a).not.toBe(userKeyOf(hasher, { username: 'alex', contactCenterId: 'cc1' }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a missing bound', () => {
    expect(() => new Invalidation({ maxTokens: 0 })).toThrow(/maxTokens/);
  });
});
