import type { Questionnaire } from '../questionnaires/questionnaire';
import { answersOfHistoric } from './historic-answers';

const levels = [
  { key: 'fully', score: 3, label: 'Fully' },
  { key: 'partly', score: 2, label: 'Partly' },
];
const charterLike = (withTakePart: boolean): Questionnaire =>
  ({
    key: 'q',
    version: 1,
    name: 'Q',
    sections: [
      ...(withTakePart ? [{ key: 'p', title: 'P', questions: [{ key: 'take-part', type: 'yesNo', required: true, label: 'Take part?' }] }] : []),
      {
        key: 'employers',
        title: 'Employers',
        questions: [
          { key: 'diverse-workforce', type: 'rating', required: true, label: 'Diverse workforce', levels },
          { key: 'diverse-workforce-measures', type: 'text', length: 'long', required: true, label: 'Measures' },
          { key: 'fair-treatment-of-staff', type: 'rating', required: true, label: 'Fair treatment', levels },
        ],
      },
    ],
  }) as unknown as Questionnaire;

describe('answersOfHistoric', () => {
  const participation = {
    participantKey: 'ghent',
    answers: [
      { questionKey: 'diverse-workforce', ratingKey: 'partly', text: 'Anonymous applications' },
      { questionKey: 'fair-treatment-of-staff', ratingKey: null, text: 'Described, not rated' },
    ],
  };

  it('gives each rating its level, the text to the measures question, and says the city took part', () => {
    expect(answersOfHistoric(charterLike(true), participation)).toEqual({
      'take-part': true,
      'diverse-workforce': 'partly',
      'diverse-workforce-measures': 'Anonymous applications',
    });
  });

  it('answers no take-part question the questionnaire does not ask, and drops a text without a measures question', () => {
    expect(answersOfHistoric(charterLike(false), participation)).toEqual({
      'diverse-workforce': 'partly',
      'diverse-workforce-measures': 'Anonymous applications',
    });
  });
});
