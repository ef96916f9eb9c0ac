import { ApiClient } from '../apps/demo/src/api-client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ChairBehaviour, ChairSimulator, IndicatorDef } from '../apps/demo/src/chair-simulator';
import { EngineHarness } from './support/engine-harness';

/**
 * A whole two-year cycle with the default milestones (mid-term at month 12, final at month
 * 22 → 24) for the Pact's 12 working groups, compressed to 1 day = 80 ms, driven over HTTP
 * by simulated chairs, until both implementation reports are compiled.
 */
describe('a whole monitoring cycle (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 80 });
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop(), 60_000);

  const behaviour: Record<string, ChairBehaviour> = {
    'development-cooperation': 'never',
    'inter-religious-dialogue': 'late',
    'labour-market': 'reviser',
    'political-participation': 'extension',
  };

  it('requests, reminds, escalates, extends, collects and compiles both reports', async () => {
    const url = await h.api.getUrl();
    const tokens: Record<string, string> = { committee: h.committeeToken };
    for (const g of (await h.http.get('/api/working-groups')).body) tokens[`chair:${g.key}`] = await h.tokenFor(['chair'], [g.key]);
    const api = new ApiClient(url.replace('[::1]', '127.0.0.1'), (actor) => tokens[actor]);
    const start = h.daysFromNow(3);
    const created = await h.http
      .post('/api/cycles')
      // The default policy escalates to the committee 7 days after the due date; 3 days here
      // leaves the "late" chair more room before the mid-term compilation on a loaded machine.
      .send({
        name: 'Pact cycle 2030–2032',
        start: start.toISOString(),
        escalation: {
          levels: [
            { level: 1, daysAfterDue: 0, target: 'chair' },
            { level: 2, daysAfterDue: 3, target: 'committee' },
          ],
        },
      })
      .expect(201);
    const cycleId = created.body.id;
    expect(created.body.lengthMonths).toBe(24);
    expect(created.body.groupKeys).toHaveLength(12);
    expect(created.body.milestones.map((m: any) => m.key)).toEqual(['mid-term', 'final']);
    expect(created.body.reminderDaysBeforeDue).toEqual([14, 3]);

    const chairs = new ChairSimulator(api, (g) => behaviour[g] ?? 'prompt');
    const config = parse(readFileSync(join(__dirname, '..', 'config', 'programmes', 'pact.yaml'), 'utf8'));
    for (const [g, defs] of Object.entries(config.templates[0].indicatorsByGroup)) chairs.setIndicators(g, defs as IndicatorDef[]);
    const cycle = await h.waitFor(
      'cycle completed',
      async () => {
        await chairs.step(cycleId);
        const c = (await h.http.get(`/api/cycles/${cycleId}`)).body;
        return c.status === 'completed' && c;
      },
      170_000,
    );
    expect(cycle.progress.milestones.map((m: any) => m.status)).toEqual(['compiled', 'compiled']);
    expect(cycle.progress.tasksByStatus.submitted).toBe(22);
    expect(cycle.progress.tasksByStatus.overdue).toBe(2);

    for (const milestone of ['mid-term', 'final']) {
      const report = (await h.http.get(`/api/cycles/${cycleId}/report?milestone=${milestone}`).expect(200)).body;
      expect(report.coverage).toMatchObject({ total: 12, onTime: 10, late: 1, missing: 1 });
      const state = Object.fromEntries(report.coverage.byGroup.map((g: any) => [g.groupKey, g]));
      expect(state['development-cooperation']).toMatchObject({ state: 'missing', escalationLevel: 2 });
      expect(state['inter-religious-dialogue']).toMatchObject({ state: 'late', escalationLevel: 2 });
      expect(state['political-participation']).toMatchObject({ state: 'on-time', extended: true });
      expect(state['labour-market']).toMatchObject({ state: 'on-time', revision: 2 });
      expect(report.fields).toHaveLength(12);
      expect(report.totals.measures).toBe(11 * 4);
      expect(report.totals.indicators).toBe(14); // the predefined indicators of the 11 groups that reported
      expect(report.fields.find((f: any) => f.groupKey === 'education').indicators.map((i: any) => i.key)).toEqual([
        'early-school-leavers',
        'language-courses',
      ]);
      expect(report.fields.filter((f: any) => f.goodPractices.length === 1)).toHaveLength(11);
    }
    // Without ?milestone the final report is served.
    expect((await h.http.get(`/api/cycles/${cycleId}/report`)).body.milestoneKey).toBe('final');

    const events = await h.events(cycleId);
    const count = (type: string, group?: string) => events.filter((e) => e.type === type && (!group || e.groupKey === group)).length;
    expect(count('task.requested')).toBe(24);
    expect(count('report.compiled')).toBe(2);
    expect(count('cycle.completed')).toBe(1);
    // Chairs who answered at once were never reminded; those who did not got both reminders per milestone.
    expect(count('task.reminded', 'education')).toBe(0);
    expect(count('task.reminded', 'development-cooperation')).toBe(4);
    expect(count('task.reminded', 'inter-religious-dialogue')).toBe(4);
    expect(count('task.escalated', 'development-cooperation')).toBe(4);
    expect(count('task.escalated', 'education')).toBe(0);
    expect(count('task.extended', 'political-participation')).toBe(2);
    // The event log names who acted: the committee member who triggered it, each chair who submitted.
    expect(events.find((e) => e.type === 'cycle.created').actor).toBe('committee:committee@test.example.org');
    expect(events.filter((e) => e.type === 'submission.received' && e.groupKey === 'education').map((e) => e.actor)).toEqual([
      'chair:chair.education@test.example.org',
      'chair:chair.education@test.example.org',
    ]);
    expect(events.find((e) => e.type === 'task.extended').actor).toBe('committee:committee@test.example.org');
  }, 240_000);
});
