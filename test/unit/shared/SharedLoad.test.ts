import { describe, expect, it, vi } from 'vitest';
import { SharedLoad } from '../../../src/shared/SharedLoad.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('SharedLoad', () => {
  it('aborts an abandonable load only when every waiting caller has gone', async () => {
    const answer = deferred<string>();
    let loadSignal: AbortSignal | undefined;
    const onAbandoned = vi.fn();
    const shared = new SharedLoad((signal) => {
      loadSignal = signal;
      return answer.promise;
    }, onAbandoned);
    const first = new AbortController();
    const second = new AbortController();
    const a = shared.join(first.signal);
    const b = shared.join(second.signal);
    first.abort(new Error('first left'));
    await expect(a).rejects.toThrow('first left');
    expect(loadSignal?.aborted).toBe(false);
    second.abort(new Error('second left'));
    await expect(b).rejects.toThrow('second left');
    expect(loadSignal?.aborted).toBe(true);
    expect(shared.abandoned).toBe(true);
    expect(onAbandoned).toHaveBeenCalledTimes(1);
  });

  it('lets a load without onAbandoned outlive its callers, answering each leaver with onAbort', async () => {
    const answer = deferred<string>();
    let loadSignal: AbortSignal | undefined;
    const shared = new SharedLoad((signal) => {
      loadSignal = signal;
      return answer.promise;
    });
    const leaving = new AbortController();
    const left = shared.join(leaving.signal, () => new Error('coded'));
    leaving.abort();
    await expect(left).rejects.toThrow('coded');
    expect(loadSignal?.aborted).toBe(false);
    expect(shared.abandoned).toBe(false);
    answer.resolve('done');
    await expect(shared.join(new AbortController().signal)).resolves.toBe('done');
  });

  it('answers an already aborted caller at once', async () => {
    const shared = new SharedLoad(() => new Promise<string>(() => undefined));
    const gone = AbortSignal.abort(new Error('gone'));
    await expect(shared.join(gone)).rejects.toThrow('gone');
  });

  it('removes each caller’s abort listener once the load settles', async () => {
    const signal = new AbortController().signal;
    const remove = vi.spyOn(signal, 'removeEventListener');
    const add = vi.spyOn(signal, 'addEventListener');
    const shared = new SharedLoad(async () => 'v');
    // One after another on a long-lived signal: more than Node's 10 in total, none left behind.
    for (let i = 0; i < 20; i += 1) await shared.join(signal);
    expect(add).toHaveBeenCalledTimes(20);
    expect(remove).toHaveBeenCalledTimes(20);
  });

  it('turns a load that throws synchronously into a rejection', async () => {
    const shared = new SharedLoad<string>(() => {
      throw new Error('sync');
    });
    await expect(shared.join()).rejects.toThrow('sync');
  });
});
