import { aCycle } from '@pact/engine/testing/fixtures';
import { compiledReportView } from './compiled-report-view';

const t = (key: string) => key;
const HERE = '65f1a2b3c4d5e6f708192a3c';
const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const cycles = [
  aCycle({ id: HERE, milestoneState: { final: { status: 'compiled' } } }),
  aCycle({ id: A, name: 'Both compiled', milestoneState: { interim: { status: 'compiled' }, final: { status: 'compiled' } } }),
  aCycle({ id: B, name: 'Interim only', milestoneState: { interim: { status: 'compiled' }, final: { status: 'requested' } } }),
  aCycle({ id: 'c'.repeat(24), name: 'Nothing compiled', milestoneState: { final: { status: 'requested' } } }),
];
const view = (query: Record<string, unknown>, versions: { milestoneKey: string; version: number }[] = []) =>
  compiledReportView({ cycleId: HERE, milestoneKey: 'final', cycles, versions, query, t });

describe('compiledReportView', () => {
  it('offers every other cycle with some compiled milestone', () => {
    expect(view({}).compareOptions.map((o) => o.value)).toEqual(['', A, B]);
    expect(view({}).compareWith).toBeNull();
  });

  it('compares with the same milestone when the other cycle has it compiled, else its main report', () => {
    expect(view({ compare: A }).compareWith).toEqual({ id: A, name: 'Both compiled', milestoneKey: 'final' });
    expect(view({ compare: B }).compareWith).toEqual({ id: B, name: 'Interim only', milestoneKey: undefined });
  });

  it('a cycle not offered (this one, one without a compiled report, not an id) is an error beside the select', () => {
    for (const compare of [HERE, 'c'.repeat(24), 'constructor', '__proto__']) {
      expect(view({ compare })).toMatchObject({ compareWith: null, errors: [{ field: 'compare', message: 'report.compareInvalid' }] });
    }
    expect(view({ compare: ['a'] }).errors).toEqual([]);
  });

  it('this milestone’s versions, newest first; the notice after publishing only for a version number', () => {
    const v = view({ published: '3', created: '1' }, [
      { milestoneKey: 'final', version: 1 },
      { milestoneKey: 'interim', version: 2 },
      { milestoneKey: 'final', version: 3 },
    ]);
    expect(v.versions.map((x) => x.version)).toEqual([3, 1]);
    expect(v.published).toEqual({ version: 3, created: true });
    expect(view({ published: '2', created: '0' }).published).toEqual({ version: 2, created: false });
    for (const published of ['0', '01', '-1', 'x', '1234567890']) expect(view({ published }).published).toBeNull();
  });
});
