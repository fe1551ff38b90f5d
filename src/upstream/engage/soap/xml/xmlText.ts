import { XmlSyntaxError } from './XmlSyntaxError.js';

const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;
const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Character data with its references resolved: the five predefined entities and character
 * references only. Any other `&` (an entity a DTD would have to declare) is refused: this reader
 * expands nothing, so neither XXE nor entity expansion can happen.
 *
 * @throws XmlSyntaxError for an unknown entity or a character reference outside XML's characters.
 */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  let unresolved = false;
  const decoded = raw.replace(REFERENCE, (_m, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name] as string;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (!isXmlChar(code)) {
      unresolved = true;
      return '';
    }
    return String.fromCodePoint(code);
  });
  if (unresolved || hasStrayAmpersand(raw))
    throw new XmlSyntaxError('unknown entity or bad character reference');
  return decoded;
}

/** True when `raw` holds an `&` that does not start a reference `decodeXmlText` resolves. */
function hasStrayAmpersand(raw: string): boolean {
  return raw.replace(REFERENCE, '').includes('&');
}

/** XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * A copy of `text` that shares no memory with the reply it was read from. Text cut from the reply
 * is, in V8, a view into the whole reply string: keeping one 20-character state name in the cache
 * kept its 1 MB GetAgentState envelope alive with it (issue 11: 123 envelopes, 138 MB, held by
 * names alone). Copy every string that outlives the parse.
 */
export function detachedText(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
