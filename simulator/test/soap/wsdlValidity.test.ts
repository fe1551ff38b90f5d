import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/createSimulator.js';
import { send, start } from '../harness.js';
import { bearer, openSession, rawSoap, SERVICES, type ServiceName } from './soapHarness.js';

const WSDL_DIR = fileURLToPath(new URL('../../src/soap/wsdl/', import.meta.url));
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
// CI installs libxml2-utils (.ci/run); there a missing xmllint is a failure, not a skip.
const skip = !hasXmllint && !process.env['CI'];

function xmllint(args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync('xmllint', args, { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

/** The `xs:schema` elements of a WSDL, each made standalone with the namespaces of the root. */
function embeddedSchemas(wsdl: string): Map<string, string> {
  const root = /<wsdl:definitions\b([^>]*)>/.exec(wsdl)?.[1] ?? '';
  const namespaces = [...root.matchAll(/xmlns:(\w+)="([^"]+)"/g)]
    .map((m) => `xmlns:${m[1]}="${m[2]}"`)
    .join(' ');
  const schemas = new Map<string, string>();
  for (const match of wsdl.matchAll(
    /<xs:schema\b[^>]*targetNamespace="([^"]+)"[^>]*>[\s\S]*?<\/xs:schema>/g,
  )) {
    schemas.set(
      match[1]!,
      `<?xml version="1.0"?>\n${match[0].replace(/^<xs:schema\b/, `<xs:schema ${namespaces}`)}`,
    );
  }
  return schemas;
}

/** The element inside `soap:Body` of an envelope (node-soap requests and simulator replies). */
function bodyElement(envelopeXml: string): string {
  const match = /<(\w+):Body[^>]*>([\s\S]*)<\/\1:Body>/.exec(envelopeXml);
  if (!match) throw new Error('no soap:Body');
  return match[2]!;
}

describe.skipIf(skip)('WSDL files and their schemas (xmllint)', () => {
  let dir: string;
  let sim: Simulator;
  const schemaFile = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wsdl-'));
    for (const service of SERVICES) {
      const wsdl = readFileSync(join(WSDL_DIR, `${service}.wsdl`), 'utf8');
      for (const [ns, schema] of embeddedSchemas(wsdl)) {
        const file = join(dir, `${service}-${ns.replace(/\W/g, '_')}.xsd`);
        writeFileSync(file, schema);
        schemaFile.set(ns, file);
      }
    }
    sim = await start({ today: new Date('2026-03-04T12:00:00Z') });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  });

  /** Validates one element against the schema of its namespace; returns xmllint's verdict. */
  function validate(
    elementXml: string,
    namespace: string,
  ): { status: number | null; stderr: string } {
    const file = join(dir, `instance-${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, `<?xml version="1.0"?>\n${elementXml}`);
    return xmllint(['--noout', '--schema', schemaFile.get(namespace)!, file]);
  }

  it.each(SERVICES)('%s.wsdl is well-formed, bundled and as served', async (service) => {
    expect(xmllint(['--noout', join(WSDL_DIR, `${service}.wsdl`)])).toMatchObject({ status: 0 });
    const served = await send(`${sim.url}/?Handler=${service}&wsdl`);
    const file = join(dir, `served-${service}.wsdl`);
    writeFileSync(file, served.text);
    expect(xmllint(['--noout', file])).toMatchObject({ status: 0 });
  });

  it.each(SERVICES)('the schemas embedded in %s.wsdl compile', (service) => {
    const wsdl = readFileSync(join(WSDL_DIR, `${service}.wsdl`), 'utf8');
    const schemas = embeddedSchemas(wsdl);
    expect([...schemas.keys()].sort()).toEqual([`urn:${service}`, 'urn:WFMError'].sort());
    // Validating a stranger element: a compiled schema reports "No matching global declaration";
    // one that does not compile reports a parser error and "failed to compile" instead.
    for (const ns of schemas.keys()) {
      const verdict = validate('<probe/>', ns);
      expect(verdict.stderr).toMatch(/No matching global declaration/);
      expect(verdict.stderr).not.toMatch(/failed to compile|parser error/);
    }
  });

  it('every simulator reply and node-soap request of a session validates against the schemas', async () => {
    const sam = await openSession(sim, 'sam.supervisor');
    const clients: [
      ServiceName,
      string,
      () => Promise<unknown>,
      { lastRequest?: string; lastResponse?: unknown },
    ][] = [
      [
        'WFMConfigService850',
        'GetSite',
        () => sam.config.GetSiteAsync({ sortMode: 'CFG_SITE_SORT_NAME' }, {}, bearer(sam.token)),
        sam.config,
      ],
      [
        'WFMConfigService850',
        'GetSite',
        () =>
          sam.config.GetSiteAsync(
            { filter: { wmSiteId: [1], wmSiteIdNSizeIs: 1 }, infoType: 'CFG_INFO_OBJECT_SHORT' },
            {},
            bearer(sam.token),
          ),
        sam.config,
      ],
      [
        'WFMConfigService850',
        'GetTeam',
        () => sam.config.GetTeamAsync({ filter: { wmSiteId: [1] } }, {}, bearer(sam.token)),
        sam.config,
      ],
      [
        'WFMConfigService850',
        'GetAgent',
        () =>
          sam.config.GetAgentAsync(
            { filter: { wmSiteId: [1], wmTeamId: [11] } },
            {},
            bearer(sam.token),
          ),
        sam.config,
      ],
      [
        'WFMScheduleService852',
        'GetAgentState',
        () =>
          sam.schedule.GetAgentStateAsync(
            {
              source: 'SCH_SOURCE_COMMITTED',
              scenarioId: 0,
              siteId: 1,
              startDateTime: 46083,
              endDateTime: 46090,
              agentId: [1003, 2001],
            },
            {},
            bearer(sam.token),
          ),
        sam.schedule,
      ],
      [
        'WFMSessionService800',
        'CloseSession',
        () => sam.session.CloseSessionAsync({}, {}, bearer(sam.token)),
        sam.session,
      ],
    ];
    for (const [service, operation, call, client] of clients) {
      await call();
      const request = validate(bodyElement(client.lastRequest!), `urn:${service}`);
      expect(request.stderr, `${operation} request`).toMatch(/validates/);
      const reply = validate(bodyElement(String(client.lastResponse)), `urn:${service}`);
      expect(reply.stderr, `${operation} reply`).toMatch(/validates/);
    }
  });

  it('handshake replies and Fault details validate too', async () => {
    const token = (await sim.passwordToken('sam.supervisor')).access_token;
    const locate = await rawSoap(
      sim.locatorUrl,
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LocateServer xmlns="urn:WFMLocatorService800"><serviceName>SessionService800</serviceName><appName>t</appName><userID>1001</userID></LocateServer></soap:Body></soap:Envelope>',
      bearer(token),
    );
    expect(validate(bodyElement(locate.text), 'urn:WFMLocatorService800').stderr).toMatch(
      /validates/,
    );
    const open = await rawSoap(
      `${sim.url}/?Handler=WFMSessionService800`,
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><OpenSession xmlns="urn:WFMSessionService800"><appName>t</appName><userID>1001</userID></OpenSession></soap:Body></soap:Envelope>',
      bearer(token),
    );
    expect(validate(bodyElement(open.text), 'urn:WFMSessionService800').stderr).toMatch(
      /validates/,
    );
    const refused = await rawSoap(
      `${sim.url}/?Handler=WFMConfigService850&SessionID=forged`,
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetSite xmlns="urn:WFMConfigService850"/></soap:Body></soap:Envelope>',
      bearer(token),
    );
    const detail = /<detail>([\s\S]*)<\/detail>/.exec(refused.text)?.[1] ?? '';
    expect(validate(detail, 'urn:WFMError').stderr).toMatch(/validates/);
  });
});
