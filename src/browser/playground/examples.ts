import type { GraphiQLProps } from 'graphiql';

type TabDefinition = NonNullable<GraphiQLProps['defaultTabs']>[number];

/**
 * The example tabs the playground opens with. Schedules default to the week of Monday 2026-03-02,
 * which the simulator always seeds and which crosses Chicago's daylight-saving change (note the
 * offsets of `from` and `to`).
 */
export const EXAMPLE_TABS: TabDefinition[] = [
  {
    query: `# Welcome to the Genesys GraphQL gateway.
#  1. Click "Sign in" (top right). Demo: demo\\sam.supervisor / demo-password.
#  2. Run this query with the ▶ button (Ctrl+Enter).
#  The Docs button (top left) describes every type; other tabs hold more examples.
query WhoAmI {
  me {
    user { username }
    wfmUser { id type name }
  }
  sites { id name timeZone }
}
`,
  },
  {
    query: `# Teams and agents of one site.
query SiteRoster($siteId: ID!) {
  site(id: $siteId) {
    name
    timeZone
    teams { id name }
    agents { id firstName lastName team { name } }
  }
}
`,
    variables: JSON.stringify({ siteId: '1' }, null, 2),
  },
  {
    query: `# A week of schedules; times come in the site's zone, daylight-saving aware.
# Agent.schedule is batched: one WFM call per site and range, not one per agent.
query WeekSchedules($siteId: ID!, $from: DateTime!, $to: DateTime!) {
  schedules(siteId: $siteId, from: $from, to: $to) {
    agent { id firstName lastName }
    items { type name start end fullDay paid }
  }
}
`,
    variables: JSON.stringify(
      { siteId: '1', from: '2026-03-02T00:00:00-06:00', to: '2026-03-09T00:00:00-05:00' },
      null,
      2,
    ),
  },
  {
    query: `# Errors carry extensions.code. Try: sign in as demo\\nina.noprov (FORBIDDEN,
# reason WFM_NOT_PROVISIONED) or as demo\\alex.agent (FORBIDDEN for others' schedules),
# or run this range that is too long (BAD_USER_INPUT).
query TooLong {
  schedules(siteId: "1", from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") {
    agent { id }
  }
}
`,
  },
];
