import { dayOrMomentOf } from '@pact/domain';
import { apiBodyOf, readCycleForm } from '../web/pages/cycle-form';
import { CreateCycleDto, createCycleCommandOf } from './cycle.dto';

describe('the command to start a cycle, from the API body', () => {
  it('turns dates into the engine’s days or moments and passes the rest as given', () => {
    const dto = {
      name: 'Cycle 2031',
      start: '2031-01-01',
      templateKey: 'implementation',
      groups: ['education'],
      milestones: [{ key: 'final', title: 'Final', kind: 'final', requestAt: '2031-02-01', dueAt: '2031-03-01T12:00:00Z' }],
      reminderDaysBeforeDue: [7],
      escalation: { levels: [{ level: 1, daysAfterDue: 0, target: 'chair' }] },
    } as CreateCycleDto;
    const cmd = createCycleCommandOf(dto);
    expect(cmd).toEqual({
      name: 'Cycle 2031',
      start: dayOrMomentOf('2031-01-01'),
      templateKey: 'implementation',
      groups: ['education'],
      milestones: [{ key: 'final', title: 'Final', kind: 'final', requestAt: dayOrMomentOf('2031-02-01'), dueAt: new Date('2031-03-01T12:00:00Z') }],
      reminderDaysBeforeDue: [7],
      escalation: { levels: [{ level: 1, daysAfterDue: 0, target: 'chair' }] },
    });
    // Copies, not the DTO's own objects: the engine may keep the command.
    expect(cmd.escalation!.levels[0]).not.toBe(dto.escalation!.levels[0]);
  });

  it('serves the start-a-cycle page’s body alike (months of the cycle, no dates)', () => {
    const body = apiBodyOf(
      readCycleForm({
        name: 'Cycle 2031',
        start: '2031-01-01',
        lengthMonths: '12',
        groups: ['education'],
        'milestones-0-key': 'final',
        'milestones-0-title': 'Final',
        'milestones-0-kind': 'final',
        'milestones-0-requestAt': '11',
        'milestones-0-dueAt': '30',
        'milestones-0-dueUnit': 'days',
        reminderDaysBeforeDue: '14, 3',
        'escalation-levels-0-daysAfterDue': '0',
        'escalation-levels-0-target': 'chair',
      }),
    );
    expect(createCycleCommandOf(body as unknown as CreateCycleDto)).toEqual({
      name: 'Cycle 2031',
      start: dayOrMomentOf('2031-01-01'),
      lengthMonths: 12,
      groups: ['education'],
      milestones: [{ key: 'final', title: 'Final', kind: 'final', requestMonth: 11, dueDaysAfterRequest: 30 }],
      reminderDaysBeforeDue: [14, 3],
      escalation: { levels: [{ level: 1, daysAfterDue: 0, target: 'chair' }] },
    });
  });
});
