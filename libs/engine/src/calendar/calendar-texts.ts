/**
 * The words of a calendar feed around its texts from configuration, in the feed owner's
 * language (English for languages without their own).
 */
export interface CalendarTexts {
  overdue: string;
  report: (cycle: string, milestone: string, field: string) => string;
  extendedFrom: (day: string) => string;
  submit: (link: string) => string;
  feedOf: (groups: string) => string;
  noGroup: string;
}

const TEXTS: Record<'en' | 'de' | 'fr', CalendarTexts> = {
  en: {
    overdue: 'OVERDUE: ',
    report: (c, m, f) => `${c}: report "${m}" of the working group "${f}".`,
    extendedFrom: (d) => `Extended from ${d}.`,
    submit: (l) => `Submit: ${l}`,
    feedOf: (g) => `Report deadlines of ${g}`,
    noGroup: 'no working group',
  },
  de: {
    overdue: 'ÜBERFÄLLIG: ',
    report: (c, m, f) => `${c}: Bericht „${m}“ der Arbeitsgruppe „${f}“.`,
    extendedFrom: (d) => `Verlängert vom ${d}.`,
    submit: (l) => `Einreichen: ${l}`,
    feedOf: (g) => `Berichtsfristen von ${g}`,
    noGroup: 'keiner Arbeitsgruppe',
  },
  fr: {
    overdue: 'EN RETARD : ',
    report: (c, m, f) => `${c} : rapport « ${m} » du groupe de travail « ${f} ».`,
    extendedFrom: (d) => `Prolongé depuis le ${d}.`,
    submit: (l) => `Soumettre : ${l}`,
    feedOf: (g) => `Échéances des rapports de ${g}`,
    noGroup: 'aucun groupe de travail',
  },
};

export function calendarTexts(language: string): CalendarTexts {
  return TEXTS[language as keyof typeof TEXTS] ?? TEXTS.en;
}
