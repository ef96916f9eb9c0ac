import { Module } from '@nestjs/common';
import { QuestionnaireCatalog } from './questionnaire-catalog';

@Module({ providers: [QuestionnaireCatalog], exports: [QuestionnaireCatalog] })
export class QuestionnairesModule {}
