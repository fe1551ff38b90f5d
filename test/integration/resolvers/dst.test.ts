/**
 * Daylight-saving correctness through the whole stack (CONTRACT §4): WFM SOAP carries OLE dates
 * in the site's local time; the gateway must emit every item at the right instant, in the zone's
 * offset at that instant, across each seeded zone's 2026 change. The truth is the simulator's own
 * world (UTC instants); offsets are checked with Intl, independently of src/time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TODAY, startTestGateway, type TestGateway } from '../../helpers/testGateway.js';

interface Item {
  type: string;
  name: string;
  start: string;
  end: string;
}
interface Schedule {
  agent: { id: string };
  items: Item[];
}

const ZONES = [
  // Chicago springs forward on Sun Mar 8 02:00 CST → 03:00 CDT.
  {
    user: 'sam.supervisor',
    siteId: '1',
    zone: 'America/Chicago',
    changeMs: Date.parse('2026-03-08T08:00:00Z'),
    wallMinusRealMin: 60,
  },
  // Berlin springs forward on Sun Mar 29 02:00 CET → 03:00 CEST.
  {
    user: 'sam.supervisor',
    siteId: '2',
    zone: 'Europe/Berlin',
    changeMs: Date.parse('2026-03-29T01:00:00Z'),
    wallMinusRealMin: 60,
  },
  // Sydney falls back on Sun Apr 5 03:00 AEDT → 02:00 AEST.
  {
    user: 'pat.supervisor',
    siteId: '3',
    zone: 'Australia/Sydney',
    changeMs: Date.parse('2026-04-04T16:00:00Z'),
    wallMinusRealMin: -60,
  },
] as const;

const QUERY = `query ($siteId: ID!, $from: DateTime!, $to: DateTime!) {
  schedules(siteId: $siteId, from: $from, to: $to) { agent { id } items { type name start end } }
}`;

/** `±hh:mm` of `zone` at `epochMs`, from Intl (independent of the gateway's zone code). */
function intlOffset(epochMs: number, zone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(epochMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** Minutes on the wall clock between two ISO strings (their local parts, offsets ignored). */
function wallMinutes(start: string, end: string): number {
  const local = (iso: string) => Date.parse(`${iso.slice(0, 19)}Z`);
  return (local(end) - local(start)) / 60_000;
}

let h: TestGateway;
beforeAll(async () => {
  h = await startTestGateway({
    simulator: { agents: 30, today: SEEDED_TODAY },
    responseCache: false,
  });
});
afterAll(async () => h?.close());

describe.each(ZONES)('schedules around the 2026 change of $zone', (site) => {
  let schedules: Schedule[];
  const fromMs = site.changeMs - 2 * 86_400_000;
  const toMs = site.changeMs + 2 * 86_400_000;

  beforeAll(async () => {
    const token = await h.token(site.user);
    const response = await h.gql(QUERY, token, {
      siteId: site.siteId,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
    });
    expect(response.body.errors).toBeUndefined();
    schedules = response.body.data?.['schedules'] as Schedule[];
    expect(schedules.length).toBeGreaterThan(0);
  });

  it("emits every start and end in the zone's offset at that instant", () => {
    const offsets = new Set<string>();
    for (const item of schedules.flatMap((s) => s.items)) {
      for (const iso of [item.start, item.end]) {
        const offset = iso.slice(19);
        expect(offset, iso).toBe(intlOffset(Date.parse(iso), site.zone));
        offsets.add(offset);
      }
    }
    // Both sides of the change are present.
    expect(offsets.size).toBe(2);
  });

  it('puts every item at the instant WFM holds it', () => {
    for (const schedule of schedules) {
      const truth = h.sim.world.statesFor(Number(schedule.agent.id), fromMs, toMs);
      const actual = schedule.items
        .map((i) => `${Date.parse(i.start)}-${Date.parse(i.end)}`)
        .sort();
      const expected = truth.map((s) => `${s.startMs}-${s.endMs}`).sort();
      expect(actual, `agent ${schedule.agent.id}`).toEqual(expected);
    }
  });

  it('gives a shift across the change its real length', () => {
    const across = schedules
      .flatMap((s) => s.items)
      .filter(
        (i) =>
          i.type === 'SHIFT' &&
          Date.parse(i.start) < site.changeMs &&
          Date.parse(i.end) > site.changeMs,
      );
    expect(across.length).toBeGreaterThan(0);
    for (const shift of across) {
      const realMin = (Date.parse(shift.end) - Date.parse(shift.start)) / 60_000;
      expect(wallMinutes(shift.start, shift.end) - realMin, `${shift.start} → ${shift.end}`).toBe(
        site.wallMinusRealMin,
      );
      expect(shift.start.slice(19)).not.toBe(shift.end.slice(19));
    }
  });
});
