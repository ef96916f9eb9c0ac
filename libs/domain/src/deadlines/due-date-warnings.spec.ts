import { dueDateWarnings } from './due-date-warnings';

describe('dueDateWarnings', () => {
  const compileAt = new Date('2031-03-01T10:00:00Z');

  it('a due date at least a day before the compilation needs no warning', () => {
    expect(dueDateWarnings(new Date('2031-02-28T10:00:00Z'), compileAt)).toEqual([]);
    expect(dueDateWarnings(new Date('2031-02-01T00:00:00Z'), compileAt)).toEqual([]);
  });

  it('on the compilation, or less than a day before it: compiled without the report, recompiled when it comes', () => {
    for (const dueAt of [new Date('2031-02-28T10:00:01Z'), compileAt]) {
      expect(dueDateWarnings(dueAt, compileAt)).toEqual([
        { code: 'compiled-without-report', compileAt, message: expect.stringMatching(/compiled without it, and compiled again with it/) },
      ]);
    }
  });
});
