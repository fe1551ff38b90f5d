import { Client, fetchExchange } from '@urql/core';

/**
 * The board's GraphQL client: @urql/core with the fetch exchange only. No document cache — the
 * data is per user and the gateway already caches per caller — and POST for every operation,
 * because the gateway's CSRF protection refuses simple GET requests. The token is read for each
 * request from page memory (`getToken`), never from storage.
 */
export function createGatewayClient(graphqlPath: string, getToken: () => string | null): Client {
  return new Client({
    url: graphqlPath,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => {
      const token = getToken();
      const headers: Record<string, string> = {};
      if (token) headers['authorization'] = `Bearer ${token}`;
      return { credentials: 'omit', headers };
    },
  });
}
