import { CompilationService } from '@pact/engine';
import { EngineHarness, PACT_GROUP_KEYS, reportFor, shortCycle } from './support/engine-harness';

const GROUPS = PACT_GROUP_KEYS;

/**
 * Revisions stored while a milestone is being compiled must end up in a report: either the
 * compilation read them, or a recompilation follows. Rounds of a compilation racing first
 * submissions and revisions; once the queues are quiet, the stored report names, for every
 * group, the task's latest revision. Runs on whatever MongoDB-wire server the tests use.
 */
describe('revisions racing a compilation (e2e)', () => {
  const h = new EngineHarness({ msPerDay: 2000, reconcileEveryMs: 500 });
  let compilation: CompilationService;

  beforeAll(async () => {
    await h.start();
    compilation = h.api.get(CompilationService);
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('every revision stored after compilation started is in the final report', async () => {
    const chairs = new Map(await Promise.all(GROUPS.map(async (g) => [g, await h.chair(g)] as const)));
    for (let round = 0; round < 8; round++) {
      const res = await h.http
        .post('/api/cycles')
        .send(shortCycle(h, { name: `Compile race ${round}`, groups: GROUPS, dueAfterDays: 200, compileAfterDays: 300 }))
        .expect(201);
      const cycleId = res.body.id;
      await h.waitFor('fan-out', async () => (await h.http.get(`/api/cycles/${cycleId}`)).body.progress.milestones[0].status === 'requested', 60_000);
      const tasks: { id: string; groupKey: string }[] = (await h.http.get(`/api/cycles/${cycleId}/tasks?limit=100`)).body;
      // Eight groups are in before the compilation starts; four send their first report during it,
      // and six of the eight send a revision during it.
      const early = tasks.slice(0, 8);
      for (const t of early) await chairs.get(t.groupKey)!.post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey)).expect(201);
      const racing = [...tasks.slice(8), ...early.slice(0, 6)];
      const answers = await Promise.all([
        compilation.compile(cycleId, 'final'),
        ...racing.map((t, i) =>
          pause((i * 7 + round * 5) % 60).then(() => chairs.get(t.groupKey)!.post(`/api/tasks/${t.id}/submissions`).send(reportFor(t.groupKey, 1))),
        ),
      ]);
      for (const a of answers.slice(1)) expect((a as any).status).toBe(201);

      const latest = async () => {
        const list: any[] = (await h.http.get(`/api/cycles/${cycleId}/tasks?limit=100`)).body;
        return Object.fromEntries(list.map((t) => [t.groupKey, t.latestRevision]));
      };
      const expected = await latest();
      expect(Object.values(expected).every((r) => (r as number) >= 1)).toBe(true);
      // Recompilations run on the worker: wait until the stored report has caught up.
      const report = await h.waitFor(
        `round ${round}: a report with every group's latest revision`,
        async () => {
          const r = await h.http.get(`/api/cycles/${cycleId}/report`);
          if (r.status !== 200) return false;
          const got = Object.fromEntries(r.body.coverage.byGroup.map((g: any) => [g.groupKey, g.revision ?? 0]));
          return JSON.stringify(got) === JSON.stringify(Object.fromEntries(Object.keys(got).map((k) => [k, expected[k]]))) && r.body;
        },
        30_000,
      );
      expect(report.coverage).toMatchObject({ total: 12, missing: 0 });
    }
  });
});
