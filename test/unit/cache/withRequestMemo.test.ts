import { describe, expect, it, vi } from 'vitest';
import { RequestMemo } from '../../../src/shared/RequestMemo.js';
import { withRequestMemo } from '../../../src/cache/withRequestMemo.js';
import type { WfmApi, WfmUserInfo } from '../../../src/types/WfmApi.js';

const INFO: WfmUserInfo = { userId: 7, userType: 'AGENT' } as WfmUserInfo;

function wfmOnly(userInfo: () => Promise<WfmUserInfo>): WfmApi {
  return { userInfo } as unknown as WfmApi;
}

describe('withRequestMemo', () => {
  it('asks WFM /system/userinfo once per request memo, and again for another request', async () => {
    const userInfo = vi.fn(async () => INFO);
    const wfm = withRequestMemo(wfmOnly(userInfo));
    const request = { token: 't', tokenHash: 'ab'.repeat(16), memo: new RequestMemo() };
    const [a, b] = await Promise.all([
      wfm.userInfo(request),
      wfm.userInfo({ token: 't', tokenHash: request.tokenHash, memo: request.memo }),
    ]);
    expect(a).toBe(b);
    await wfm.userInfo(request);
    expect(userInfo).toHaveBeenCalledTimes(1);
    await wfm.userInfo({ ...request, memo: new RequestMemo() });
    expect(userInfo).toHaveBeenCalledTimes(2);
  });

  it('passes calls without a memo straight through', async () => {
    const userInfo = vi.fn(async () => INFO);
    const wfm = withRequestMemo(wfmOnly(userInfo));
    await wfm.userInfo({ token: 't', tokenHash: 'h' });
    await wfm.userInfo({ token: 't', tokenHash: 'h' });
    expect(userInfo).toHaveBeenCalledTimes(2);
  });

  it('runs the shared call without the caller’s signal; a caller that leaves gets a coded error', async () => {
    let release: (v: WfmUserInfo) => void = () => undefined;
    const seen: (AbortSignal | undefined)[] = [];
    const wfm = withRequestMemo({
      userInfo: (ctx: { signal?: AbortSignal }) => {
        seen.push(ctx.signal);
        return new Promise<WfmUserInfo>((resolve) => (release = resolve));
      },
    } as unknown as WfmApi);
    const memo = new RequestMemo();
    const controller = new AbortController();
    const leaving = wfm.userInfo({
      token: 't',
      tokenHash: 'h',
      memo,
      signal: controller.signal,
    });
    const staying = wfm.userInfo({ token: 't', tokenHash: 'h', memo });
    controller.abort();
    await expect(leaving).rejects.toMatchObject({ service: 'wfm', kind: 'ERROR' });
    release(INFO);
    await expect(staying).resolves.toBe(INFO);
    expect(seen).toEqual([undefined]);
  });

  it('keeps a failure for the rest of the request', async () => {
    const userInfo = vi.fn(async () => Promise.reject(new Error('boom')));
    const wfm = withRequestMemo(wfmOnly(userInfo));
    const ctx = { token: 't', tokenHash: 'h', memo: new RequestMemo() };
    await expect(wfm.userInfo(ctx)).rejects.toThrow('boom');
    await expect(wfm.userInfo(ctx)).rejects.toThrow('boom');
    expect(userInfo).toHaveBeenCalledTimes(1);
  });
});
