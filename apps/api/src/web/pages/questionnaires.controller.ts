import { Body, Get, Param, Post, Res } from '@nestjs/common';
import { answerProblems, Answers } from '@pact/domain';
import { QuestionnaireCatalog } from '@pact/engine';
import type { Response } from 'express';
import type { FormError } from '../form-errors';
import { questionnaireForm, readQuestionnaireAnswers } from '../forms/questionnaire-form';
import { Page, PageController, PageRoles } from '../page.decorators';
import type { PageState } from '../page-state';
import { questionnaireView } from './questionnaire-view';

/**
 * The committee's read-only preview of the programmes' questionnaires: a questionnaire as
 * participants will see it, in the reader's language, to try answers with. A post stores
 * nothing: "Continue" shows the questions the answers so far bring up (how conditional
 * questions appear without JavaScript), "Check answers" also says what is wrong, beside each
 * field and in the error summary (400), as a participant's submission would be refused.
 */
@PageController('questionnaires')
@PageRoles('committee')
export class QuestionnairePagesController {
  constructor(private readonly catalog: QuestionnaireCatalog) {}

  @Get()
  list(@Page() page: PageState, @Res() res: Response) {
    res.render('pages/questionnaires', {
      title: page.i18n.t('questionnaires.title'),
      questionnaires: this.catalog.list().map((q) => ({ key: q.key, name: page.i18n.text(q.name), version: q.version })),
    });
  }

  @Get(':key')
  preview(@Page() page: PageState, @Param('key') key: string, @Res() res: Response) {
    this.render(page, res, key, {}, 200, [], false);
  }

  @Post(':key')
  tryAnswers(@Page() page: PageState, @Param('key') key: string, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const questionnaire = this.catalog.get(key);
    const answers = readQuestionnaireAnswers(questionnaire, body);
    if (body.action !== 'check') return this.render(page, res, key, answers, 200, [], false);
    const form = questionnaireForm(questionnaire, answers);
    const errors = form.model.errors(answerProblems(questionnaire, answers), page.i18n.t);
    this.render(page, res, key, answers, errors.length ? 400 : 200, errors, true);
  }

  private render(page: PageState, res: Response, key: string, answers: Answers, status: number, errors: FormError[], checked: boolean) {
    const questionnaire = this.catalog.get(key);
    const form = questionnaireForm(questionnaire, answers);
    res.status(status).render('pages/questionnaire', {
      title: page.i18n.text(questionnaire.name),
      questionnaire: { key: questionnaire.key, name: page.i18n.text(questionnaire.name), version: questionnaire.version },
      sections: questionnaireView(form, page.i18n.t),
      errors,
      allGood: checked && !errors.length,
    });
  }
}
