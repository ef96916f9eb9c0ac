import type { MeasureStatus } from '../../templates/report-template';
import type { CoverageState } from '../implementation-report';
import type { TimelineKind } from '../timeline';

/**
 * The words a compiled report is written in around what people and the configuration wrote
 * (headings, column names, states, sentences), in each language the pages speak. Renderers take
 * them from `reportWords(language)`; a language without its own reads English.
 */
export interface ReportWords {
  lang: string;
  dueCompiled: (due: string, compiled: string) => string;
  publishedVersion: (version: number, day: string) => string;
  coverage: string;
  coverageSummary: (onTime: number, late: number, missing: number, total: number) => string;
  fieldOfAction: string;
  report: string;
  revision: string;
  escalation: string;
  submitted: string;
  extended: string;
  yes: string;
  no: string;
  timeline: string;
  fieldsOfAction: string;
  allFieldsLabel: string;
  allFields: (indicatorsAchieved: number, indicators: number) => string;
  measuresByStatus: string;
  measures: string;
  all: string;
  noneReported: string;
  noMeasures: string;
  noReport: string;
  indicators: string;
  indicator: string;
  baselineActual: string;
  baseline: string;
  target: string;
  actual: string;
  progress: string;
  targetMet: string;
  ofTheWay: (percent: number) => string;
  goodPractices: string;
  obstacles: string;
  recommendations: string;
  changeSincePrevious: string;
  comparedWith: (cycle: string, compiled: string, onTime: string, late: string, missing: string, implemented: string, achieved: string) => string;
  reportThenNow: string;
  implementedMeasures: string;
  indicatorChanges: string;
  noPrevious: string;
  changeInWholeReport: string;
  partOnly: string;
  status: Record<MeasureStatus, string>;
  state: Record<CoverageState | 'absent', string>;
  timelineKinds: Record<TimelineKind, string>;
  period: string;
  weekOf: (day: string) => string;
  keyMoments: string;
  timelineSummary: (n: Record<TimelineKind, number>, committee: number, late: number, from: string, to: string, per: 'week' | 'month') => string;
  late: (n: number) => string;
  toCommittee: (n: number) => string;
  /** CSV column names, in the order of the columns. */
  csvColumns: string[];
}

const EN: ReportWords = {
  lang: 'en',
  dueCompiled: (d, c) => `due ${d}, compiled ${c}`,
  publishedVersion: (v, d) => `Published version ${v}, ${d}`,
  coverage: 'Coverage',
  coverageSummary: (o, l, m, t) => `${o} on time, ${l} late, ${m} missing of ${t} working groups.`,
  fieldOfAction: 'Field of action',
  report: 'Report',
  revision: 'Revision',
  escalation: 'Escalation',
  submitted: 'Submitted',
  extended: 'Extended',
  yes: 'yes',
  no: 'no',
  timeline: 'Timeline',
  fieldsOfAction: 'Fields of action',
  allFieldsLabel: 'All fields',
  allFields: (a, n) => `${a} of ${n} indicators at target.`,
  measuresByStatus: 'Measures by status',
  measures: 'Measures',
  all: 'All',
  noneReported: 'None reported.',
  noMeasures: 'no measures reported',
  noReport: 'no report submitted',
  indicators: 'Indicators',
  indicator: 'Indicator',
  baselineActual: 'Baseline → actual',
  baseline: 'Baseline',
  target: 'Target',
  actual: 'Actual',
  progress: 'Progress',
  targetMet: 'Target met',
  ofTheWay: (p) => `${p}% of the way to target`,
  goodPractices: 'Good practices',
  obstacles: 'Obstacles',
  recommendations: 'Recommendations',
  changeSincePrevious: 'Change since the previous cycle',
  comparedWith: (c, d, o, l, m, i, a) =>
    `Compared with ${c} (compiled ${d}): on time ${o}, late ${l}, missing ${m}; measures implemented ${i}; indicators at target ${a}.`,
  reportThenNow: 'Report then → now',
  implementedMeasures: 'Implemented measures',
  indicatorChanges: 'Indicator changes',
  noPrevious: 'No previous cycle of this kind has been compiled.',
  changeInWholeReport: 'The change since the previous cycle compares the whole network: it is in the report the steering committee publishes.',
  partOnly: 'This is the part of your working group only. The whole report can be read once the steering committee publishes it.',
  status: { 'not-started': 'not started', planned: 'planned', 'in-progress': 'in progress', implemented: 'implemented', discontinued: 'discontinued' },
  state: { 'on-time': 'on time', late: 'late', missing: 'missing', absent: 'not taking part' },
  timelineKinds: { requests: 'Requests', reminders: 'Reminders', escalations: 'Escalations', extensions: 'Extensions', submissions: 'Submissions' },
  period: 'Period',
  weekOf: (d) => `week of ${d}`,
  keyMoments: 'Key moments:',
  timelineSummary: (n, c, l, f, t, per) =>
    `${n.requests} requests, ${n.reminders} reminders, ${n.escalations} escalations (${c} to the committee), ${n.extensions} extensions, ${n.submissions} submissions (${l} late), ${f} to ${t}, per ${per}.`,
  late: (n) => `${n} late`,
  toCommittee: (n) => `${n} to the committee`,
  csvColumns: [
    'cycle',
    'milestone',
    'group',
    'field_of_action',
    'report',
    'item_type',
    'item',
    'status',
    'unit',
    'baseline',
    'target',
    'actual',
    'progress',
    'target_met',
    'description',
  ],
};

const DE: ReportWords = {
  lang: 'de',
  dueCompiled: (d, c) => `fällig ${d}, zusammengestellt ${c}`,
  publishedVersion: (v, d) => `Veröffentlichte Fassung ${v}, ${d}`,
  coverage: 'Abdeckung',
  coverageSummary: (o, l, m, t) => `${o} pünktlich, ${l} verspätet, ${m} fehlen von ${t} Arbeitsgruppen.`,
  fieldOfAction: 'Handlungsfeld',
  report: 'Bericht',
  revision: 'Fassung',
  escalation: 'Eskalation',
  submitted: 'Eingereicht',
  extended: 'Verlängert',
  yes: 'ja',
  no: 'nein',
  timeline: 'Zeitverlauf',
  fieldsOfAction: 'Handlungsfelder',
  allFieldsLabel: 'Alle Handlungsfelder',
  allFields: (a, n) => `${a} von ${n} Indikatoren am Ziel.`,
  measuresByStatus: 'Maßnahmen nach Stand',
  measures: 'Maßnahmen',
  all: 'Alle',
  noneReported: 'Nichts berichtet.',
  noMeasures: 'keine Maßnahmen berichtet',
  noReport: 'kein Bericht eingereicht',
  indicators: 'Indikatoren',
  indicator: 'Indikator',
  baselineActual: 'Ausgangswert → Istwert',
  baseline: 'Ausgangswert',
  target: 'Zielwert',
  actual: 'Istwert',
  progress: 'Fortschritt',
  targetMet: 'Ziel erreicht',
  ofTheWay: (p) => `${p} % des Wegs zum Ziel`,
  goodPractices: 'Gute Praxis',
  obstacles: 'Hindernisse',
  recommendations: 'Empfehlungen',
  changeSincePrevious: 'Veränderung seit dem vorigen Zyklus',
  comparedWith: (c, d, o, l, m, i, a) =>
    `Verglichen mit ${c} (zusammengestellt ${d}): pünktlich ${o}, verspätet ${l}, fehlend ${m}; umgesetzte Maßnahmen ${i}; Indikatoren am Ziel ${a}.`,
  reportThenNow: 'Bericht damals → jetzt',
  implementedMeasures: 'Umgesetzte Maßnahmen',
  indicatorChanges: 'Veränderung der Indikatoren',
  noPrevious: 'Es wurde noch kein voriger Zyklus dieser Art zusammengestellt.',
  changeInWholeReport:
    'Die Veränderung seit dem vorigen Zyklus vergleicht das ganze Netzwerk: Sie steht in dem Bericht, den der Lenkungsausschuss veröffentlicht.',
  partOnly: 'Dies ist nur der Teil Ihrer Arbeitsgruppe. Der ganze Bericht ist lesbar, sobald der Lenkungsausschuss ihn veröffentlicht.',
  status: { 'not-started': 'nicht begonnen', planned: 'geplant', 'in-progress': 'in Arbeit', implemented: 'umgesetzt', discontinued: 'eingestellt' },
  state: { 'on-time': 'pünktlich', late: 'verspätet', missing: 'fehlt', absent: 'nicht beteiligt' },
  timelineKinds: {
    requests: 'Anforderungen',
    reminders: 'Erinnerungen',
    escalations: 'Eskalationen',
    extensions: 'Verlängerungen',
    submissions: 'Einreichungen',
  },
  period: 'Zeitraum',
  weekOf: (d) => `Woche vom ${d}`,
  keyMoments: 'Wichtige Zeitpunkte:',
  timelineSummary: (n, c, l, f, t, per) =>
    `${n.requests} Anforderungen, ${n.reminders} Erinnerungen, ${n.escalations} Eskalationen (${c} an den Lenkungsausschuss), ${n.extensions} Verlängerungen, ${n.submissions} Einreichungen (${l} verspätet), ${f} bis ${t}, je ${per === 'week' ? 'Woche' : 'Monat'}.`,
  late: (n) => `${n} verspätet`,
  toCommittee: (n) => `${n} an den Lenkungsausschuss`,
  csvColumns: [
    'Zyklus',
    'Meilenstein',
    'Gruppe',
    'Handlungsfeld',
    'Bericht',
    'Art',
    'Eintrag',
    'Stand',
    'Einheit',
    'Ausgangswert',
    'Zielwert',
    'Istwert',
    'Fortschritt',
    'Ziel erreicht',
    'Beschreibung',
  ],
};

const FR: ReportWords = {
  lang: 'fr',
  dueCompiled: (d, c) => `échéance ${d}, compilé le ${c}`,
  publishedVersion: (v, d) => `Version publiée ${v}, ${d}`,
  coverage: 'Couverture',
  coverageSummary: (o, l, m, t) => `${o} à temps, ${l} en retard, ${m} manquants sur ${t} groupes de travail.`,
  fieldOfAction: 'Domaine d’action',
  report: 'Rapport',
  revision: 'Révision',
  escalation: 'Escalade',
  submitted: 'Soumis',
  extended: 'Prolongé',
  yes: 'oui',
  no: 'non',
  timeline: 'Chronologie',
  fieldsOfAction: 'Domaines d’action',
  allFieldsLabel: 'Tous les domaines',
  allFields: (a, n) => `${a} indicateurs sur ${n} atteignent leur cible.`,
  measuresByStatus: 'Mesures par état',
  measures: 'Mesures',
  all: 'Tous',
  noneReported: 'Rien de signalé.',
  noMeasures: 'aucune mesure signalée',
  noReport: 'aucun rapport soumis',
  indicators: 'Indicateurs',
  indicator: 'Indicateur',
  baselineActual: 'Valeur de départ → valeur actuelle',
  baseline: 'Valeur de départ',
  target: 'Cible',
  actual: 'Valeur actuelle',
  progress: 'Progrès',
  targetMet: 'Cible atteinte',
  ofTheWay: (p) => `${p} % du chemin vers la cible`,
  goodPractices: 'Bonnes pratiques',
  obstacles: 'Obstacles',
  recommendations: 'Recommandations',
  changeSincePrevious: 'Évolution depuis le cycle précédent',
  comparedWith: (c, d, o, l, m, i, a) =>
    `Par rapport à ${c} (compilé le ${d}) : à temps ${o}, en retard ${l}, manquants ${m} ; mesures mises en œuvre ${i} ; indicateurs à la cible ${a}.`,
  reportThenNow: 'Rapport alors → maintenant',
  implementedMeasures: 'Mesures mises en œuvre',
  indicatorChanges: 'Évolution des indicateurs',
  noPrevious: 'Aucun cycle précédent de ce type n’a été compilé.',
  changeInWholeReport: 'L’évolution depuis le cycle précédent compare l’ensemble du réseau : elle figure dans le rapport que le comité de pilotage publie.',
  partOnly: 'Ceci est uniquement la partie de votre groupe de travail. Le rapport complet pourra être lu dès que le comité de pilotage l’aura publié.',
  status: { 'not-started': 'pas commencée', planned: 'prévue', 'in-progress': 'en cours', implemented: 'mise en œuvre', discontinued: 'abandonnée' },
  state: { 'on-time': 'à temps', late: 'en retard', missing: 'manquant', absent: 'non participant' },
  timelineKinds: { requests: 'Demandes', reminders: 'Rappels', escalations: 'Escalades', extensions: 'Prolongations', submissions: 'Soumissions' },
  period: 'Période',
  weekOf: (d) => `semaine du ${d}`,
  keyMoments: 'Moments clés :',
  timelineSummary: (n, c, l, f, t, per) =>
    `${n.requests} demandes, ${n.reminders} rappels, ${n.escalations} escalades (${c} au comité de pilotage), ${n.extensions} prolongations, ${n.submissions} soumissions (${l} en retard), du ${f} au ${t}, par ${per === 'week' ? 'semaine' : 'mois'}.`,
  late: (n) => `${n} en retard`,
  toCommittee: (n) => `${n} au comité de pilotage`,
  csvColumns: [
    'cycle',
    'jalon',
    'groupe',
    'domaine_d_action',
    'rapport',
    'type',
    'élément',
    'état',
    'unité',
    'valeur_de_départ',
    'cible',
    'valeur_actuelle',
    'progrès',
    'cible_atteinte',
    'description',
  ],
};

const WORDS: Record<string, ReportWords> = { en: EN, de: DE, fr: FR };

export function reportWords(language: string | undefined): ReportWords {
  return WORDS[language ?? 'en'] ?? EN;
}
