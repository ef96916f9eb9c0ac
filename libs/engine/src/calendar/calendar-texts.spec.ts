import { join } from 'node:path';
import { loadCatalogs } from '../texts/locales';
import { calendarTexts } from './calendar-texts';

describe('the calendar feed’s words, from locales/<language>/calendar.yaml', () => {
  const catalogs = loadCatalogs(join(__dirname, '..', '..', '..', '..', 'locales'), 'calendar');

  it('fill the same sentences in each shipped language, English for another', () => {
    const de = calendarTexts(catalogs, 'de');
    expect(de.overdue).toBe('ÜBERFÄLLIG: ');
    expect(de.report('Zyklus 2027', 'Schlussbericht', 'Wohnen')).toBe('Zyklus 2027: Bericht „Schlussbericht“ der Arbeitsgruppe „Wohnen“.');
    const fr = calendarTexts(catalogs, 'fr');
    expect(fr.overdue).toBe('EN RETARD : ');
    expect(fr.submit('https://x/tasks/1')).toBe('Soumettre : https://x/tasks/1');
    expect(fr.extendedFrom('2027-03-31')).toBe('Prolongé depuis le 2027-03-31.');
    const en = calendarTexts(catalogs, 'it');
    expect(en.report('Cycle 2027', 'Final', 'Housing')).toBe('Cycle 2027: report "Final" of the working group "Housing".');
    expect(en.feedOf(en.noGroup)).toBe('Report deadlines of no working group');
  });
});
