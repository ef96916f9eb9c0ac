import { BadRequestException, ConflictException } from '@nestjs/common';
import { InvalidError, NotFoundError } from '@pact/engine';
import { fieldId, formErrors, problemsOf } from './form-errors';

describe('form errors', () => {
  it('turns problem paths into input ids', () => {
    expect(fieldId('measures[2].title')).toBe('measures-2-title');
    expect(fieldId('escalation.levels[0].daysAfterDue')).toBe('escalation-levels-0-daysAfterDue');
    expect(fieldId('name')).toBe('name');
  });

  it('reads the engine’s InvalidError and the older 400 exceptions alike', () => {
    const engine = new InvalidError([{ path: 'milestones[1].dueAt', message: 'must be after the request date' }]);
    const older = new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['milestones[1].dueAt: must be after the request date'] });
    expect(problemsOf(engine)).toEqual([{ path: 'milestones[1].dueAt', message: 'must be after the request date' }]);
    expect(problemsOf(older)).toEqual(problemsOf(engine));
    expect(problemsOf(new BadRequestException('body: give chair and/or goal'))).toEqual([{ path: 'body', message: 'give chair and/or goal' }]);
  });

  it('is null for anything that is not invalid input, so the page lets it through', () => {
    expect(problemsOf(new NotFoundError('x'))).toBeNull();
    expect(problemsOf(new ConflictException('x'))).toBeNull();
    expect(problemsOf(new Error('x'))).toBeNull();
    expect(formErrors(new Error('x'))).toBeNull();
  });

  it('places each problem by the page’s mapping, words it in the page’s language, one per input', () => {
    const err = InvalidError.fromMessages(['reminderDaysBeforeDue[0]: must be positive', 'reminderDaysBeforeDue[2]: must be positive', 'name: too long']);
    const errors = formErrors(err, {
      field: (path) => (path.startsWith('reminderDaysBeforeDue') ? 'reminders' : undefined),
      message: (p, field) => `${field}!`,
    });
    expect(errors).toEqual([
      { field: 'reminders', message: 'reminders!' },
      { field: 'name', message: 'name!' },
    ]);
  });

  it('takes a page’s own list of problems too', () => {
    expect(formErrors([{ path: 'chair.email', message: 'bad' }])).toEqual([{ field: 'chair-email', message: 'bad' }]);
  });
});
