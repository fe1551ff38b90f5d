import type { GraphiQLProps } from 'graphiql';

type Storage = NonNullable<GraphiQLProps['storage']>;

/**
 * GraphiQL's storage kept in page memory. GraphiQL would otherwise write tabs, history and
 * settings to localStorage; with a token in the header editor, nothing of the session may outlive
 * the page, so nothing is written anywhere (a reload starts from the example tabs).
 */
export function createMemoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
}
