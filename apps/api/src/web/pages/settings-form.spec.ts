import { settingsForm } from './settings-form';

describe('settingsForm', () => {
  it('a language of ours and a time zone this runtime knows: no problem', () => {
    expect(settingsForm({ language: 'de', timeZone: 'America/New_York' })).toEqual({ values: { language: 'de', timeZone: 'America/New_York' }, problems: [] });
  });

  it('anything else is a problem of its own field, and the values stay as sent (for the form)', () => {
    const { values, problems } = settingsForm({ language: 'xx', timeZone: 'Mars/Olympus' });
    expect(values).toEqual({ language: 'xx', timeZone: 'Mars/Olympus' });
    expect(problems.map((p) => p.path)).toEqual(['language', 'timeZone']);
    expect(settingsForm({ language: ['de'], timeZone: 'Europe/Berlin' }).problems.map((p) => p.path)).toEqual(['language']);
    expect(settingsForm({}).values).toEqual({ language: '', timeZone: '' });
  });
});
