import { ConflictError, InvalidError, NotFoundError } from '@pact/engine';
import { fieldIdOf, formErrors, problemsOf } from './form-errors';

describe('form errors', () => {
  it('spells problem paths as input ids', () => {
    expect(fieldIdOf('measures[2].title')).toBe('measures-2-title');
    expect(fieldIdOf('escalation.levels[0].daysAfterDue')).toBe('escalation-levels-0-daysAfterDue');
    expect(fieldIdOf('name')).toBe('name');
  });

  it('reads the engine’s InvalidError with its rules', () => {
    const engine = new InvalidError([{ path: 'milestones[1].dueAt', message: 'must be after the request date', rule: 'x' } as never]);
    expect(problemsOf(engine)).toEqual([{ path: 'milestones[1].dueAt', message: 'must be after the request date', rule: 'x' }]);
  });

  it('is null for anything that is not about the input, so the page lets it through', () => {
    expect(problemsOf(new NotFoundError('x'))).toBeNull();
    expect(problemsOf(new ConflictError('x'))).toBeNull();
    expect(problemsOf(new Error('x'))).toBeNull();
  });

  it('places each problem by the page’s mapping, words it in the page’s language, one per input', () => {
    const problems = problemsOf(
      InvalidError.fromMessages(['reminderDaysBeforeDue[0]: must be positive', 'reminderDaysBeforeDue[2]: must be positive', 'name: too long']),
    )!;
    const errors = formErrors(
      problems,
      (_p, field) => `${field}!`,
      (path) => (path.startsWith('reminderDaysBeforeDue') ? 'reminders' : fieldIdOf(path)),
    );
    expect(errors).toEqual([
      { field: 'reminders', message: 'reminders!' },
      { field: 'name', message: 'name!' },
    ]);
  });
});
