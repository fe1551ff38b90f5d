import { describe, expect, it, vi } from 'vitest';
import { RequestMemo } from '../../../src/shared/RequestMemo.js';
import { withRequestMemo } from '../../../src/cache/withRequestMemo.js';
import type { WfmUserInfo } from '../../../src/types/WfmApi.js';
import type { Upstreams } from '../../../src/types/Upstreams.js';

const INFO: WfmUserInfo = { userId: 7, userType: 'AGENT' } as WfmUserInfo;

function wfmOnly(userInfo: () => Promise<WfmUserInfo>): Upstreams {
  return { wfm: { userInfo } } as unknown as Upstreams;
}

describe('withRequestMemo', () => {
  it('asks WFM /system/userinfo once per request memo, and again for another request', async () => {
    const userInfo = vi.fn(async () => INFO);
    const upstreams = withRequestMemo(wfmOnly(userInfo));
    const request = { token: 't', tokenHash: 'ab'.repeat(16), memo: new RequestMemo() };
    const [a, b] = await Promise.all([
      upstreams.wfm.userInfo(request),
      upstreams.wfm.userInfo({ token: 't', tokenHash: request.tokenHash, memo: request.memo }),
    ]);
    expect(a).toBe(b);
    await upstreams.wfm.userInfo(request);
    expect(userInfo).toHaveBeenCalledTimes(1);
    await upstreams.wfm.userInfo({ ...request, memo: new RequestMemo() });
    expect(userInfo).toHaveBeenCalledTimes(2);
  });

  it('passes calls without a memo straight through', async () => {
    const userInfo = vi.fn(async () => INFO);
    const upstreams = withRequestMemo(wfmOnly(userInfo));
    await upstreams.wfm.userInfo({ token: 't', tokenHash: 'h' });
    await upstreams.wfm.userInfo({ token: 't', tokenHash: 'h' });
    expect(userInfo).toHaveBeenCalledTimes(2);
  });

  it('runs the shared call without the caller’s signal; a caller that leaves gets a coded error', async () => {
    let release: (v: WfmUserInfo) => void = () => undefined;
    const seen: (AbortSignal | undefined)[] = [];
    const upstreams = withRequestMemo({
      wfm: {
        userInfo: (ctx: { signal?: AbortSignal }) => {
          seen.push(ctx.signal);
          return new Promise<WfmUserInfo>((resolve) => (release = resolve));
        },
      },
    } as unknown as Upstreams);
    const memo = new RequestMemo();
    const controller = new AbortController();
    const leaving = upstreams.wfm.userInfo({
      token: 't',
      tokenHash: 'h',
      memo,
      signal: controller.signal,
    });
    const staying = upstreams.wfm.userInfo({ token: 't', tokenHash: 'h', memo });
    controller.abort();
    await expect(leaving).rejects.toMatchObject({ service: 'wfm', kind: 'ERROR' });
    release(INFO);
    await expect(staying).resolves.toBe(INFO);
    expect(seen).toEqual([undefined]);
  });

  it('keeps a failure for the rest of the request', async () => {
    const userInfo = vi.fn(async () => Promise.reject(new Error('boom')));
    const upstreams = withRequestMemo(wfmOnly(userInfo));
    const ctx = { token: 't', tokenHash: 'h', memo: new RequestMemo() };
    await expect(upstreams.wfm.userInfo(ctx)).rejects.toThrow('boom');
    await expect(upstreams.wfm.userInfo(ctx)).rejects.toThrow('boom');
    expect(userInfo).toHaveBeenCalledTimes(1);
  });
});
