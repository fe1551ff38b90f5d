import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES, isErrorCode } from '../../../src/errors/codes.js';
import { createFormatError } from '../../../src/errors/formatError.js';
import { GatewayError } from '../../../src/errors/GatewayError.js';
import { UpstreamError, type UpstreamErrorKind } from '../../../src/errors/UpstreamError.js';

const format = createFormatError();
const located: GraphQLFormattedError = {
  message: 'ignored',
  locations: [{ line: 1, column: 3 }],
  path: ['me', 'wfmUser'],
};

/** What graphql-js hands formatError for an error thrown in a resolver. */
function thrownInResolver(error: Error): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, path: ['me', 'wfmUser'] });
}

function upstream(
  kind: UpstreamErrorKind,
  extra: Partial<ConstructorParameters<typeof UpstreamError>[2]> = {},
): UpstreamError {
  return new UpstreamError(kind, 'secret upstream body <html>token abc</html>', {
    service: 'wfm',
    operation: 'system/userinfo',
    status: 500,
    ...extra,
  });
}

describe('formatError: upstream errors', () => {
  it.each<[UpstreamErrorKind, string]>([
    ['UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['FORBIDDEN', 'FORBIDDEN'],
    ['RATE_LIMITED', 'RATE_LIMITED'],
    ['NOT_FOUND', 'NOT_FOUND'],
    ['BAD_REQUEST', 'UPSTREAM_ERROR'],
    ['TIMEOUT', 'UPSTREAM_TIMEOUT'],
    ['UNAVAILABLE', 'UPSTREAM_UNAVAILABLE'],
    ['ERROR', 'UPSTREAM_ERROR'],
  ])('maps kind %s to code %s with extensions.upstream and our own message', (kind, code) => {
    const out = format(located, thrownInResolver(upstream(kind)));
    expect(out.extensions?.['code']).toBe(code);
    expect(out.extensions?.['upstream']).toEqual({
      service: 'wfm',
      operation: 'system/userinfo',
      status: 500,
    });
    expect(out.message).not.toMatch(/secret|html|token abc/);
    expect(out.path).toEqual(['me', 'wfmUser']);
    expect(out.locations).toEqual([{ line: 1, column: 3 }]);
  });

  it('gives FORBIDDEN its reason (UPSTREAM_FORBIDDEN when none was decided)', () => {
    expect(
      format(located, upstream('FORBIDDEN', { reason: 'WFM_NOT_PROVISIONED', status: 403 }))
        .extensions,
    ).toEqual({
      code: 'FORBIDDEN',
      reason: 'WFM_NOT_PROVISIONED',
      upstream: { service: 'wfm', operation: 'system/userinfo', status: 403 },
    });
    expect(format(located, upstream('FORBIDDEN')).extensions?.['reason']).toBe(
      'UPSTREAM_FORBIDDEN',
    );
  });

  it('gives RATE_LIMITED whole seconds of retryAfter, 1 s when the upstream sent none', () => {
    expect(
      format(located, upstream('RATE_LIMITED', { retryAfterSec: 2.2, status: 429 })).extensions?.[
        'retryAfter'
      ],
    ).toBe(3);
    expect(
      format(located, upstream('RATE_LIMITED', { status: 429 })).extensions?.['retryAfter'],
    ).toBe(1);
    const custom = createFormatError({ defaultRetryAfterSec: 5 });
    expect(custom(located, upstream('RATE_LIMITED')).extensions?.['retryAfter']).toBe(5);
  });

  it('omits status when the upstream never answered', () => {
    const out = format(located, upstream('TIMEOUT', { status: undefined }));
    expect(out.extensions?.['upstream']).toEqual({ service: 'wfm', operation: 'system/userinfo' });
  });
});

describe('formatError: gateway and GraphQL errors', () => {
  it('keeps a GatewayError code, message and extras', () => {
    const out = format(
      located,
      thrownInResolver(GatewayError.badUserInput('`to` must be after `from`.', { argument: 'to' })),
    );
    expect(out).toEqual({
      ...located,
      message: '`to` must be after `from`.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'to' },
    });
  });

  it.each([
    'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'BAD_USER_INPUT',
    'BAD_REQUEST',
    'OPERATION_RESOLUTION_FAILURE',
  ])('maps the request-level code %s to BAD_USER_INPUT and keeps the message', (code) => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code },
    });
    expect(format({ message: error.message, extensions: { code } }, error)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('keeps a GraphQLError that already carries one of our codes', () => {
    const error = new GraphQLError('No such site.', {
      extensions: { code: 'NOT_FOUND', secret: 'x' },
    });
    expect(format({ message: 'x' }, error)).toEqual({
      message: 'No such site.',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('masks anything unknown as INTERNAL_SERVER_ERROR and reports it once', () => {
    const onInternalError = vi.fn();
    const bug = new TypeError("Cannot read properties of undefined (reading 'token=abc')");
    const out = createFormatError({ onInternalError })(located, thrownInResolver(bug));
    expect(out).toEqual({
      ...located,
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(onInternalError).toHaveBeenCalledWith(bug);
    expect(
      format(
        { message: 'Cannot return null for non-nullable field' },
        new GraphQLError('Cannot return null'),
      ).extensions,
    ).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });

  it("codes the request's own aborts instead of masking them: deadline or shutdown, client gone", () => {
    const onInternalError = vi.fn();
    const formatter = createFormatError({ onInternalError });
    const deadline = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const hungUp = new DOMException('The client disconnected', 'AbortError');
    expect(formatter(located, thrownInResolver(deadline)).extensions).toEqual({
      code: 'UPSTREAM_TIMEOUT',
    });
    expect(formatter(located, thrownInResolver(hungUp)).extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it('drops every extension it did not build (http, exception, stack)', () => {
    const error = new GraphQLError('x', {
      extensions: { code: 'SOMETHING', http: { status: 418 }, exception: { stacktrace: ['a'] } },
    });
    expect(format({ message: 'x', extensions: error.extensions }, error).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });

  it('adds a stacktrace only when asked (development)', () => {
    const dev = createFormatError({ includeStacktrace: true });
    expect(dev(located, thrownInResolver(new Error('boom'))).extensions?.['stacktrace']).toEqual(
      expect.arrayContaining([expect.stringContaining('boom')]),
    );
    expect(format(located, thrownInResolver(new Error('boom'))).extensions).not.toHaveProperty(
      'stacktrace',
    );
  });

  it('is total: odd inputs and a throwing logger still give a coded error', () => {
    const throwingLogger = createFormatError({
      onInternalError: () => {
        throw new Error('logger down');
      },
    });
    for (const value of [
      undefined,
      null,
      42,
      'text',
      {},
      Symbol('s'),
      Object.create(null) as object,
    ]) {
      const out = throwingLogger(undefined as unknown as GraphQLFormattedError, value);
      expect(isErrorCode(out.extensions?.['code'])).toBe(true);
    }
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(format(located, hostile).extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
  });

  it('only ever emits codes of the closed set', () => {
    expect(ERROR_CODES).toHaveLength(12);
    expect(isErrorCode('GRAPHQL_VALIDATION_FAILED')).toBe(false);
  });
});
