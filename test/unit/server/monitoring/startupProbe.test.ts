import { describe, expect, it } from 'vitest';
import { Health } from '../../../../src/server/monitoring/health.js';
import { warnUnreachableUpstreams } from '../../../../src/server/monitoring/startupProbe.js';
import type { Logger } from '../../../../src/logging/Logger.js';

function recordingLogger() {
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const ignore = () => undefined;
  const logger: Logger = {
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (message, fields) => warnings.push({ message, fields }),
  };
  return { logger, warnings };
}

describe('warnUnreachableUpstreams', () => {
  it('warns once per unreachable upstream, naming its variable', async () => {
    const { logger, warnings } = recordingLogger();
    const health = new Health([
      { name: 'auth', run: () => Promise.resolve({ ok: true, state: 'ok' }) },
      { name: 'wfm-soap', run: () => Promise.resolve({ ok: false, state: 'unreachable' }) },
      { name: 'wsdl', run: () => Promise.resolve({ ok: false, state: 'loading' }) },
    ]);
    expect(await warnUnreachableUpstreams(health, logger)).toEqual(['wfm-soap']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('GENESYS_WFM_LOCATOR_URL');
    expect(warnings[0]?.fields).toEqual({
      upstream: 'wfm-soap',
      variable: 'GENESYS_WFM_LOCATOR_URL',
    });
  });

  it('says nothing when every upstream answers', async () => {
    const { logger, warnings } = recordingLogger();
    const health = new Health([
      { name: 'auth', run: () => Promise.resolve({ ok: true, state: 'ok' }) },
    ]);
    expect(await warnUnreachableUpstreams(health, logger)).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
