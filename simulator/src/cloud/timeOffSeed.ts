import type { CloudWorld } from './CloudWorld.js';
import { dateOfEpochDay, type TimeOffStatus } from './TimeOffStore.js';

/**
 * A few requests to review, deterministic for a given "today": alex.agent has one pending
 * (two days, ten days ahead), one approved (three weeks ahead) and one denied; the first two
 * numbered agents of the other units have one pending each. Dates are unit-local.
 */
export function seedTimeOff(cloud: CloudWorld, todayMs: number): void {
  const code = cloud.activityCodes.find((c) => c.category === 'TimeOff');
  if (!code) return;
  const today = Math.floor(todayMs / 86_400_000);
  const seeds: { dbid: number | null; days: number[]; status: TimeOffStatus }[] = [
    { dbid: 1003, days: [10, 11], status: 'PENDING' },
    { dbid: 1003, days: [21], status: 'APPROVED' },
    { dbid: 1003, days: [5], status: 'DENIED' },
  ];
  const alexMu = cloud.userByDbid(1003)?.agent?.siteId;
  for (const mu of cloud.managementUnits) {
    if (mu.site.id === alexMu) continue;
    const first = cloud.agentsOf(mu)[0];
    if (first) seeds.push({ dbid: first.user.dbid, days: [12], status: 'PENDING' });
  }
  for (const seed of seeds) {
    const user = seed.dbid === null ? undefined : cloud.userByDbid(seed.dbid);
    const agent = user?.agent;
    if (!user || !agent) continue;
    const mu = cloud.managementUnitOfSite(agent.siteId)!;
    cloud.timeOff.create(
      {
        userId: user.id,
        muId: mu.id,
        timeZone: mu.site.timeZone,
        fullDay: true,
        dates: seed.days.map((d) => dateOfEpochDay(today + d)),
        partialStartsMs: [],
        dailyDurationMinutes: 480,
        activityCodeId: code.id,
        paid: code.paid,
        notes: 'Seeded request',
        submittedBy: user.id,
        status: seed.status,
      },
      todayMs - 86_400_000,
    );
  }
}
