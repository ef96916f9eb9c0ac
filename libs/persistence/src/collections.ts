import type { ModelDefinition } from '@nestjs/mongoose';
import { API_TOKEN_MODEL, ApiTokenRepository, ApiTokenSchema } from './api-tokens';
import { CYCLE_MODEL, CycleRepository, CycleSchema } from './cycles';
import { DELIVERY_MODEL, DeliveryRepository, DeliverySchema } from './deliveries';
import { DRAFT_MODEL, DraftRepository, DraftSchema } from './drafts';
import { EVENT_MODEL, EventRepository, EventSchema } from './events';
import { INBOX_MODEL, InboxRepository, InboxSchema } from './inboxes';
import { MIGRATION_MODEL, MigrationRepository, MigrationSchema } from './migrations';
import { RATE_COUNTER_MODEL, RateCounterRepository, RateCounterSchema } from './rate-counters';
import { REPORT_VERSION_MODEL, ReportVersionRepository, ReportVersionSchema } from './report-versions';
import { REPORT_MODEL, ReportRepository, ReportSchema } from './reports';
import { SESSION_MODEL, SessionRepository, SessionSchema } from './sessions';
import { SIGN_IN_LINK_MODEL, SignInLinkRepository, SignInLinkSchema } from './sign-in-links';
import { SITE_KEY_MODEL, SiteKeyRepository, SiteKeySchema } from './site-keys';
import { SUBMISSION_MODEL, SubmissionRepository, SubmissionSchema } from './submissions';
import { TASK_MODEL, TaskRepository, TaskSchema } from './tasks';
import { TEMPLATE_MODEL, TemplateRepository, TemplateSchema } from './templates';
import { USER_MODEL, UserRepository, UserSchema } from './users';
import { WEBHOOK_SUBSCRIPTION_MODEL, WebhookSubscriptionRepository, WebhookSubscriptionSchema } from './webhook-subscriptions';
import { WORKING_GROUP_MODEL, WorkingGroupRepository, WorkingGroupSchema } from './working-groups';
import { USER_ADDRESS_MODEL, UserAddressRepository, UserAddressSchema } from './user-addresses';
import {
  OBSERVATION_PERIOD_MODEL,
  OBSERVATION_SERIES_MODEL,
  ObservationPeriodRepository,
  ObservationPeriodSchema,
  ObservationSeriesRepository,
  ObservationSeriesSchema,
} from './observations';
import { EVIDENCE_FILE_MODEL, EvidenceFileRepository, EvidenceFileSchema } from './evidence-files';
import { HISTORIC_CYCLE_MODEL, HistoricCycleRepository, HistoricCycleSchema } from './historic-cycles';
import { HISTORY_IMPORT_MODEL, HistoryImportRepository, HistoryImportSchema } from './history-imports';
import { QUESTIONNAIRE_VERSION_MODEL, QuestionnaireVersionRepository, QuestionnaireVersionSchema } from './questionnaires';

/**
 * Every collection, one entry each: its model (name and schema, registered with
 * MongooseModule.forFeature, indexes created at start) and the one repository that touches it.
 * A new collection is a folder beside the others and a line here.
 */
export const COLLECTIONS = [
  { model: { name: WORKING_GROUP_MODEL, schema: WorkingGroupSchema }, repository: WorkingGroupRepository },
  { model: { name: TEMPLATE_MODEL, schema: TemplateSchema }, repository: TemplateRepository },
  { model: { name: CYCLE_MODEL, schema: CycleSchema }, repository: CycleRepository },
  { model: { name: TASK_MODEL, schema: TaskSchema }, repository: TaskRepository },
  { model: { name: SUBMISSION_MODEL, schema: SubmissionSchema }, repository: SubmissionRepository },
  { model: { name: EVENT_MODEL, schema: EventSchema }, repository: EventRepository },
  { model: { name: REPORT_MODEL, schema: ReportSchema }, repository: ReportRepository },
  { model: { name: REPORT_VERSION_MODEL, schema: ReportVersionSchema }, repository: ReportVersionRepository },
  { model: { name: USER_MODEL, schema: UserSchema }, repository: UserRepository },
  { model: { name: USER_ADDRESS_MODEL, schema: UserAddressSchema }, repository: UserAddressRepository },
  { model: { name: API_TOKEN_MODEL, schema: ApiTokenSchema }, repository: ApiTokenRepository },
  { model: { name: DELIVERY_MODEL, schema: DeliverySchema }, repository: DeliveryRepository },
  { model: { name: WEBHOOK_SUBSCRIPTION_MODEL, schema: WebhookSubscriptionSchema }, repository: WebhookSubscriptionRepository },
  { model: { name: SIGN_IN_LINK_MODEL, schema: SignInLinkSchema }, repository: SignInLinkRepository },
  { model: { name: SESSION_MODEL, schema: SessionSchema }, repository: SessionRepository },
  { model: { name: RATE_COUNTER_MODEL, schema: RateCounterSchema }, repository: RateCounterRepository },
  { model: { name: SITE_KEY_MODEL, schema: SiteKeySchema }, repository: SiteKeyRepository },
  { model: { name: DRAFT_MODEL, schema: DraftSchema }, repository: DraftRepository },
  { model: { name: INBOX_MODEL, schema: InboxSchema }, repository: InboxRepository },
  { model: { name: MIGRATION_MODEL, schema: MigrationSchema }, repository: MigrationRepository },
  { model: { name: OBSERVATION_SERIES_MODEL, schema: ObservationSeriesSchema }, repository: ObservationSeriesRepository },
  { model: { name: OBSERVATION_PERIOD_MODEL, schema: ObservationPeriodSchema }, repository: ObservationPeriodRepository },
  { model: { name: EVIDENCE_FILE_MODEL, schema: EvidenceFileSchema }, repository: EvidenceFileRepository },
  { model: { name: HISTORIC_CYCLE_MODEL, schema: HistoricCycleSchema }, repository: HistoricCycleRepository },
  { model: { name: HISTORY_IMPORT_MODEL, schema: HistoryImportSchema }, repository: HistoryImportRepository },
  { model: { name: QUESTIONNAIRE_VERSION_MODEL, schema: QuestionnaireVersionSchema }, repository: QuestionnaireVersionRepository },
] satisfies { model: ModelDefinition; repository: unknown }[];

/** Models whose records expire (`expiresAt`): a TTL index cleans them up where the server supports one. */
export const EXPIRING_MODELS = [SIGN_IN_LINK_MODEL, SESSION_MODEL, RATE_COUNTER_MODEL];
