/*
 * Hand-written on purpose, because a benchmark shows the libraries are slower at this job:
 * bench/p5SoapParse.ts reads real GetAgentState replies of 13 KB, 99 KB, 1 MB and 8 MB with the
 * same handler in the same 128 Ki-character slices, and this tokenizer took 15–19 µs per KB
 * against 23–32 µs for saxes 6, 97–121 µs for sax 1 (node-soap's parser) and 125–188 µs for
 * node-soap, with peak heap at 1 MB of 8 MB against saxes' 15 MB (bench/RESULTS.md, P5, how it
 * was measured). It is also small enough to read whole, which its security rules need (below).
 */
import { XmlSyntaxError } from './XmlSyntaxError.js';
import { decodeXmlText } from './xmlText.js';

/**
 * What a {@link XmlTokenizer} reports. Names arrive resolved: the namespace URI of the element
 * (`''` when it has none) and its local name. Attributes other than namespace declarations are
 * read (to find where the tag ends) but not reported: the replies this serves carry data in
 * elements only.
 */
export interface XmlHandler {
  /** Read before each run of text: when false, text is skipped without being decoded. */
  readonly wantsText: boolean;
  open(ns: string, local: string): void;
  /** Character data of the innermost open element (entities decoded); may come in pieces. */
  text(value: string): void;
  close(): void;
}

const GT = 0x3e; // >
const SLASH = 0x2f; // /
const BANG = 0x21; // !
const QUESTION = 0x3f; // ?
const EQ = 0x3d; // =
const QUOT = 0x22; // "
const APOS = 0x27; // '

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NOT_WHITESPACE = /[^ \t\r\n]/;

interface Binding {
  readonly prefix: string;
  readonly uri: string;
  /** Depth of the element that declared it; dropped when that element closes. */
  readonly depth: number;
}

/**
 * A small, safe XML tokenizer for SOAP replies whose shape the gateway owns (flat records of
 * leaf elements). It works through an already decoded string in bounded steps (`run(chars)`), so
 * a caller can yield to the event loop between steps and no single step blocks it for long.
 *
 * Safety by construction: no DTD of any kind (`<!DOCTYPE`, `<!ENTITY`, … are refused), only the
 * five predefined entities and character references, no processing instruction but the XML
 * declaration (UTF-8 only), a depth limit, end tags checked against start tags, and namespace
 * prefixes resolved (an undeclared prefix is refused). Element names are only ever compared,
 * never used as object keys.
 */
export class XmlTokenizer {
  readonly #text: string;
  readonly #handler: XmlHandler;
  readonly #maxDepth: number;
  #pos = 0;
  /** Qualified names of the open elements, for end-tag matching. */
  readonly #open: string[] = [];
  readonly #bindings: Binding[] = [];
  #rootSeen = false;
  #done = false;

  /**
   * @param text the whole document (a leading byte-order mark is skipped).
   * @param maxDepth most nested elements accepted; deeper documents are refused. Default 64.
   */
  constructor(text: string, handler: XmlHandler, maxDepth = 64) {
    this.#text = text;
    this.#handler = handler;
    this.#maxDepth = maxDepth;
    if (text.charCodeAt(0) === 0xfeff) this.#pos = 1;
  }

  /** True once the whole document was read and found well-formed. */
  get done(): boolean {
    return this.#done;
  }

  /** Characters consumed so far. */
  get position(): number {
    return this.#pos;
  }

  /**
   * Reads tokens until about `chars` more characters are consumed (a token is never split) or
   * the document ends. Throws {@link XmlSyntaxError} for anything refused; handler errors pass
   * through.
   */
  run(chars: number): void {
    const text = this.#text;
    const length = text.length;
    const stop = Math.min(length, this.#pos + Math.max(1, chars));
    while (this.#pos < stop) {
      const pos = this.#pos;
      const lt = text.indexOf('<', pos);
      if (lt === -1) {
        this.#textRun(pos, length);
        this.#pos = length;
        break;
      }
      if (lt > pos) this.#textRun(pos, lt);
      const next = text.charCodeAt(lt + 1);
      if (next === SLASH) this.#endTag(lt);
      else if (next === BANG) this.#bang(lt);
      else if (next === QUESTION) this.#instruction(lt);
      else this.#startTag(lt);
    }
    if (this.#pos >= length) this.#finish();
  }

  #finish(): void {
    if (this.#open.length > 0) throw new XmlSyntaxError('document ends inside an element');
    if (!this.#rootSeen) throw new XmlSyntaxError('no root element');
    this.#done = true;
  }

  #textRun(from: number, to: number): void {
    if (this.#open.length === 0) {
      if (NOT_WHITESPACE.test(this.#text.slice(from, to)))
        throw new XmlSyntaxError('text outside the root element');
      return;
    }
    if (this.#handler.wantsText) this.#handler.text(decodeXmlText(this.#text.slice(from, to)));
  }

  #startTag(lt: number): void {
    const text = this.#text;
    if (this.#open.length === 0 && this.#rootSeen)
      throw new XmlSyntaxError('a second root element');
    let i = lt + 1;
    const nameStart = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === GT || c === SLASH || c <= 0x20 || Number.isNaN(c)) break;
      i++;
    }
    const qname = text.slice(nameStart, i);
    if (qname.length === 0 || /[<&"'=]/.test(qname)) throw new XmlSyntaxError('bad element name');
    const depth = this.#open.length + 1;
    if (depth > this.#maxDepth) throw new XmlSyntaxError(`nesting deeper than ${this.#maxDepth}`);

    // Attributes: only namespace declarations matter, but every value is scanned so that a `>`
    // inside quotes does not end the tag.
    let selfClosing = false;
    for (;;) {
      while (isSpace(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH && text.charCodeAt(i + 1) === GT) {
        selfClosing = true;
        i += 2;
        break;
      }
      if (Number.isNaN(c)) throw new XmlSyntaxError('document ends inside a tag');
      i = this.#attribute(i, depth);
    }

    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    if (local.length === 0 || local.includes(':')) throw new XmlSyntaxError('bad element name');
    const ns = this.#resolve(prefix);
    this.#pos = i;
    this.#open.push(qname);
    this.#rootSeen = true;
    this.#handler.open(ns, local);
    if (selfClosing) this.#close();
  }

  /** Reads one `name="value"` from `i`; returns the index after it. */
  #attribute(start: number, depth: number): number {
    const text = this.#text;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === EQ || c <= 0x20 || c === GT || c === SLASH) break;
      i++;
    }
    const name = text.slice(start, i);
    while (isSpace(text.charCodeAt(i))) i++;
    if (name.length === 0 || text.charCodeAt(i) !== EQ) throw new XmlSyntaxError('bad attribute');
    i++;
    while (isSpace(text.charCodeAt(i))) i++;
    const quote = text.charCodeAt(i);
    if (quote !== QUOT && quote !== APOS) throw new XmlSyntaxError('unquoted attribute value');
    const close = text.indexOf(quote === QUOT ? '"' : "'", i + 1);
    if (close === -1) throw new XmlSyntaxError('document ends inside an attribute');
    const raw = text.slice(i + 1, close);
    if (raw.includes('<')) throw new XmlSyntaxError('"<" in an attribute value');
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      const uri = decodeXmlText(raw);
      if (prefix !== '' && uri === '') throw new XmlSyntaxError('empty namespace for a prefix');
      this.#bindings.push({ prefix, uri, depth });
    }
    return close + 1;
  }

  #endTag(lt: number): void {
    const text = this.#text;
    const gt = text.indexOf('>', lt + 2);
    if (gt === -1) throw new XmlSyntaxError('document ends inside an end tag');
    const qname = text.slice(lt + 2, gt).trimEnd();
    const expected = this.#open[this.#open.length - 1];
    if (expected === undefined || qname !== expected)
      throw new XmlSyntaxError('end tag does not match its start tag');
    this.#pos = gt + 1;
    this.#close();
  }

  #close(): void {
    const depth = this.#open.length;
    this.#open.pop();
    const bindings = this.#bindings;
    while (bindings.length > 0 && (bindings[bindings.length - 1] as Binding).depth === depth)
      bindings.pop();
    this.#handler.close();
  }

  #bang(lt: number): void {
    const text = this.#text;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) throw new XmlSyntaxError('document ends inside a comment');
      this.#pos = end + 3;
      return;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (this.#open.length === 0) throw new XmlSyntaxError('CDATA outside the root element');
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) throw new XmlSyntaxError('document ends inside CDATA');
      if (this.#handler.wantsText) this.#handler.text(text.slice(lt + 9, end));
      this.#pos = end + 3;
      return;
    }
    // <!DOCTYPE, <!ENTITY, <!ELEMENT…: no DTD has any place in SOAP (SOAP 1.1 §3).
    throw new XmlSyntaxError('document type declarations are not accepted');
  }

  #instruction(lt: number): void {
    const text = this.#text;
    const end = text.indexOf('?>', lt + 2);
    if (end === -1) throw new XmlSyntaxError('document ends inside a processing instruction');
    const body = text.slice(lt + 2, end);
    const declaration = /^xml(?:[ \t\r\n]|$)/.test(body);
    // Only the XML declaration, only first, and only in UTF-8 (how the body was decoded).
    if (
      !declaration ||
      this.#rootSeen ||
      NOT_WHITESPACE.test(text.slice(0, lt).replace(/^\ufeff/, ''))
    )
      throw new XmlSyntaxError('processing instructions are not accepted');
    const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(body)?.[1]?.toLowerCase();
    if (
      encoding !== undefined &&
      encoding !== 'utf-8' &&
      encoding !== 'utf8' &&
      encoding !== 'us-ascii'
    )
      throw new XmlSyntaxError('only UTF-8 documents are accepted');
    this.#pos = end + 2;
  }

  #resolve(prefix: string): string {
    if (prefix === 'xml') return XML_NS;
    const bindings = this.#bindings;
    for (let k = bindings.length - 1; k >= 0; k--) {
      const binding = bindings[k] as Binding;
      if (binding.prefix === prefix) return binding.uri;
    }
    if (prefix === '') return '';
    throw new XmlSyntaxError('undeclared namespace prefix');
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}
