import { DEFAULT_LIMITS, predefinedIndicators, ReportTemplate } from './report-template';

const template: ReportTemplate = {
  key: 'implementation',
  name: 'Implementation report',
  measureStatuses: ['planned', 'implemented'],
  indicatorsByGroup: {
    education: [
      { key: 'enrolment', name: 'Enrolment', unit: '%', higherIsBetter: true },
      { key: 'dropout', name: 'Dropout', unit: '%', higherIsBetter: false },
    ],
  },
  allowCustomIndicators: true,
  limits: DEFAULT_LIMITS,
};

describe('predefinedIndicators', () => {
  it("gives the group's indicators in the template's order", () => {
    expect(predefinedIndicators(template, 'education').map((d) => d.key)).toEqual(['enrolment', 'dropout']);
  });

  it('gives none for a group the template does not name', () => {
    expect(predefinedIndicators(template, 'housing')).toEqual([]);
  });
});
