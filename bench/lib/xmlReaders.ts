/**
 * The GetAgentState readers P5 compares, each `(body) => Promise<answer>`:
 *
 * - `tokenizer`: `readAgentStateReply`, the gateway's one parse path (src/upstream/engage/soap/
 *   xml/XmlTokenizer.ts driving `AgentStateHolderReader`, yielding every 128 Ki characters);
 * - `saxes` and `sax`: the same handler (`AgentStateHolderReader`) driven by saxes 6 and by sax 1
 *   (node-soap's own parser), with the same safety rules (DOCTYPE refused, depth ≤ 64) and the
 *   same 128 Ki-character slices with a yield between them — so the parsers alone differ;
 * - `node-soap`: node-soap's client over the bundled WSDL, one synchronous parse to its object (the
 *   gateway's former path for replies under 32 KiB).
 */
import { fileURLToPath } from 'node:url';
import sax from 'sax';
import { SaxesParser } from 'saxes';
import { createClientAsync } from 'soap';
import {
  AgentStateHolderReader,
  readAgentStateReply,
} from '../../src/upstream/engage/soap/agentStateReply.js';

export type ReaderName = 'tokenizer' | 'saxes' | 'sax' | 'node-soap';
export type Reader = (body: string) => Promise<unknown>;

const SLICE_CHARS = 128 * 1024;
const MAX_DEPTH = 64;
const WSDL = fileURLToPath(
  new URL('../../src/upstream/engage/soap/wsdl/WFMScheduleService852.wsdl', import.meta.url),
);

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The four readers, ready to call. */
export async function xmlReaders(): Promise<Record<ReaderName, Reader>> {
  return {
    tokenizer: (body) => readAgentStateReply(body, { sliceChars: SLICE_CHARS }),
    saxes: readWithSaxes,
    sax: readWithSax,
    'node-soap': await nodeSoapReader(),
  };
}

async function readWithSaxes(body: string): Promise<unknown> {
  const holder = new AgentStateHolderReader();
  const parser = new SaxesParser({ xmlns: true, position: false });
  let depth = 0;
  parser.on('doctype', () => {
    throw new Error('document type declarations are not accepted');
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_DEPTH) throw new Error(`nesting deeper than ${MAX_DEPTH}`);
    holder.open(tag.uri, tag.local);
  });
  parser.on('text', (text) => {
    if (holder.wantsText) holder.text(text);
  });
  parser.on('cdata', (text) => {
    if (holder.wantsText) holder.text(text);
  });
  parser.on('closetag', () => {
    depth -= 1;
    holder.close();
  });
  for (let i = 0; i < body.length; i += SLICE_CHARS) {
    parser.write(body.slice(i, i + SLICE_CHARS));
    await yieldToLoop();
  }
  parser.close();
  return holder.records();
}

async function readWithSax(body: string): Promise<unknown> {
  const holder = new AgentStateHolderReader();
  const parser = sax.parser(true, { xmlns: true, position: false });
  let depth = 0;
  let failure: Error | undefined;
  parser.ondoctype = () => {
    failure ??= new Error('document type declarations are not accepted');
  };
  parser.onopentag = (tag) => {
    if (++depth > MAX_DEPTH) throw new Error(`nesting deeper than ${MAX_DEPTH}`);
    holder.open(tag.uri, tag.local);
  };
  parser.ontext = (text) => {
    if (holder.wantsText) holder.text(text);
  };
  parser.oncdata = (text) => {
    if (holder.wantsText) holder.text(text);
  };
  parser.onclosetag = () => {
    depth -= 1;
    holder.close();
  };
  parser.onerror = (error) => {
    failure ??= error;
  };
  for (let i = 0; i < body.length; i += SLICE_CHARS) {
    parser.write(body.slice(i, i + SLICE_CHARS));
    if (failure) throw failure;
    await yieldToLoop();
  }
  parser.close();
  if (failure) throw failure;
  return holder.records();
}

/** node-soap's parse of a reply through the gateway's bundled WSDL, synchronously. */
async function nodeSoapReader(): Promise<Reader> {
  const served = { text: '' };
  const client = await createClientAsync(WSDL, {
    httpClient: {
      request: (_u: string, _d: string, cb: (e: unknown, r?: unknown, b?: string) => void) => {
        cb(null, { status: 200, headers: {} }, served.text);
        return Promise.resolve();
      },
    } as never,
  });
  return (body) => {
    served.text = body;
    let result: unknown;
    client.GetAgentState(
      { siteId: 1, startDateTime: 1, endDateTime: 2 },
      (error: unknown, value: unknown) => {
        if (error) throw error;
        result = value;
      },
    );
    return Promise.resolve(result);
  };
}
