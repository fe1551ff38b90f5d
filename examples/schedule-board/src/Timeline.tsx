import type { BoardWeekQuery, ScheduleItemType } from './__generated__/graphql.js';
import { barsForDay, DAY_MINUTES, type Bar } from './layout.js';

type AgentSchedule = BoardWeekQuery['schedules'][number];

/** Colour of each item type; the legend and the bars use the same table. */
export const TYPE_COLOURS: Record<ScheduleItemType, string> = {
  SHIFT: '#a5c8f5',
  ACTIVITY: '#2f6fdb',
  ACTIVITY_SET: '#7048c8',
  BREAK: '#f2b705',
  MEAL: '#f07f16',
  EXCEPTION: '#d6336c',
  TIME_OFF: '#12b886',
  DAY_OFF: '#9aa3ad',
  MARKED_TIME: '#2b8a3e',
};

const HOURS = Array.from({ length: 13 }, (_, i) => i * 2);

/**
 * One row per agent for local day `date`: a 24-hour axis in the site's zone with a bar per item
 * (shift underneath; activities, breaks and meals on top; full-day items across the row).
 */
export function Timeline({ schedules, date }: { schedules: AgentSchedule[]; date: string }) {
  const rows = [...schedules].sort(
    (a, b) =>
      (a.agent.team?.name ?? '').localeCompare(b.agent.team?.name ?? '') ||
      agentName(a).localeCompare(agentName(b)),
  );
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-row timeline-axis">
        <div className="timeline-agent" />
        <div className="timeline-track">
          {HOURS.map((h) => (
            <span key={h} className="hour" style={{ left: `${(h / 24) * 100}%` }}>
              {String(h).padStart(2, '0')}:00
            </span>
          ))}
        </div>
      </div>
      {rows.map((schedule) => (
        <div className="timeline-row" key={schedule.agent.id} data-agent={schedule.agent.id}>
          <div className="timeline-agent">
            <span className="agent-name">{agentName(schedule)}</span>
            <span className="agent-team">{schedule.agent.team?.name ?? ''}</span>
          </div>
          <div className="timeline-track">
            {barsForDay(schedule.items, date).map((bar, i) => (
              <BarView key={i} bar={bar} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

function BarView({ bar }: { bar: Bar }) {
  const title = `${bar.type} · ${bar.name} · ${bar.label}${bar.paid ? ' · paid' : ''}`;
  return (
    <div
      className={`bar bar-${bar.type.toLowerCase()}`}
      data-type={bar.type}
      title={title}
      style={{
        left: `${(bar.fromMin / DAY_MINUTES) * 100}%`,
        width: `${((bar.toMin - bar.fromMin) / DAY_MINUTES) * 100}%`,
        background: TYPE_COLOURS[bar.type],
        zIndex: bar.layer + 1,
      }}
    >
      <span>{bar.type === 'SHIFT' ? bar.label : bar.name}</span>
    </div>
  );
}

/** The colour key. */
export function Legend() {
  return (
    <ul className="legend">
      {(Object.keys(TYPE_COLOURS) as ScheduleItemType[]).map((type) => (
        <li key={type}>
          <span className="swatch" style={{ background: TYPE_COLOURS[type] }} />
          {type}
        </li>
      ))}
    </ul>
  );
}

function agentName(schedule: AgentSchedule): string {
  const { firstName, lastName, id } = schedule.agent;
  return [firstName, lastName].filter(Boolean).join(' ') || `Agent ${id}`;
}
