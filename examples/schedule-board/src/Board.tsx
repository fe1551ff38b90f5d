import type { Client } from '@urql/core';
import { useEffect, useMemo, useState } from 'react';
import {
  BoardSitesDocument,
  BoardViewerDocument,
  BoardWeekDocument,
} from './__generated__/graphql.js';
import { ProblemBanner } from './ProblemBanner.js';
import { Legend, Timeline } from './Timeline.js';
import { useGatewayQuery } from './useGatewayQuery.js';
import { addDays, dayLabel, mondayOf, offsetMinutes, todayIn, zonedMidnight } from './week.js';

/**
 * Who is signed in, a site and a week to pick, a tab per day, and the timeline of that day for
 * every agent of the site. One `BoardWeek` query loads the whole week; times stay in the site's
 * zone exactly as the gateway sends them.
 */
export function Board({ client, onSignedOut }: { client: Client; onSignedOut: () => void }) {
  const viewer = useGatewayQuery(client, BoardViewerDocument, {});
  const sites = useGatewayQuery(client, BoardSitesDocument, {});
  const [siteId, setSiteId] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);

  const site = sites.data?.sites.find((s) => s.id === siteId) ?? null;
  useEffect(() => {
    if (site && day === null) setDay(todayIn(site.timeZone));
  }, [site, day]);
  const week = day ? mondayOf(day) : null;

  const variables = useMemo(
    () =>
      site && week
        ? {
            siteId: site.id,
            from: zonedMidnight(week, site.timeZone),
            to: zonedMidnight(addDays(week, 7), site.timeZone),
          }
        : null,
    [site, week],
  );
  const schedules = useGatewayQuery(client, BoardWeekDocument, variables);
  const problem = schedules.problem ?? sites.problem ?? viewer.problem;
  useEffect(() => {
    if (problem?.kind === 'UNAUTHENTICATED') onSignedOut();
  }, [problem, onSignedOut]);

  const me = viewer.data?.me;
  return (
    <main className="board">
      <section className="controls">
        <span className="who" data-testid="board-user">
          {me
            ? `${me.user.loginName ?? me.user.username}${me.wfmUser ? ` · ${me.wfmUser.type}` : ''}`
            : '…'}
        </span>
        <label>
          Site{' '}
          <select
            value={siteId ?? ''}
            onChange={(e) => setSiteId(e.target.value || null)}
            aria-label="Site"
          >
            <option value="">{sites.fetching ? 'Loading sites…' : 'Pick a site'}</option>
            {(sites.data?.sites ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.timeZone})
              </option>
            ))}
          </select>
        </label>
        <label>
          Week of{' '}
          <input
            type="date"
            aria-label="Date in the week"
            value={day ?? ''}
            disabled={!site}
            onChange={(e) => setDay(e.target.value || null)}
          />
        </label>
        <button type="button" disabled={!day} onClick={() => day && setDay(addDays(day, -7))}>
          ◀ Week
        </button>
        <button type="button" disabled={!day} onClick={() => day && setDay(addDays(day, 7))}>
          Week ▶
        </button>
      </section>

      {problem ? (
        <ProblemBanner
          problem={problem}
          onRetry={schedules.problem ? schedules.reload : sites.reload}
        />
      ) : null}

      {site && week && day ? (
        <>
          <nav className="days" aria-label="Day of the week">
            {Array.from({ length: 7 }, (_, i) => addDays(week, i)).map((d) => (
              <button
                type="button"
                key={d}
                className={d === day ? 'day active' : 'day'}
                onClick={() => setDay(d)}
              >
                {dayLabel(d)}
                {clockChange(d, site.timeZone) ? <span className="dst"> clocks change</span> : null}
              </button>
            ))}
          </nav>
          <p className="zone">
            Local time in <strong>{site.timeZone}</strong>, as the gateway sends it
            {schedules.fetching ? ' · loading…' : ''}
          </p>
          {schedules.data ? <Timeline schedules={schedules.data.schedules} date={day} /> : null}
          <Legend />
        </>
      ) : sites.data?.sites.length ? (
        <p className="empty">Pick a site to see its agents' schedules.</p>
      ) : null}
    </main>
  );
}

/** Whether the zone's offset differs at the start and the end of local day `date` (DST change). */
function clockChange(date: string, timeZone: string): boolean {
  const start = Date.parse(zonedMidnight(date, timeZone));
  const end = Date.parse(zonedMidnight(addDays(date, 1), timeZone));
  return offsetMinutes(timeZone, start) !== offsetMinutes(timeZone, end);
}
