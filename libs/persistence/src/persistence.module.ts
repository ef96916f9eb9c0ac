import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { DatabaseProbe } from './database-probe';
import { ApiTokenRepository } from './repositories/api-token.repository';
import { CycleRepository } from './repositories/cycle.repository';
import { DeliveryRepository } from './repositories/delivery.repository';
import { EventRepository } from './repositories/event.repository';
import { ReportRepository } from './repositories/report.repository';
import { ReportVersionRepository } from './repositories/report-version.repository';
import { SubmissionRepository } from './repositories/submission.repository';
import { TaskRepository } from './repositories/task.repository';
import { TemplateRepository } from './repositories/template.repository';
import { UserRepository } from './repositories/user.repository';
import { WebhookSubscriptionRepository } from './repositories/webhook-subscription.repository';
import { WorkingGroupRepository } from './repositories/working-group.repository';
import { RateCounterRepository } from './repositories/rate-counter.repository';
import { SessionRepository } from './repositories/session.repository';
import { SignInLinkRepository } from './repositories/sign-in-link.repository';
import { SiteKeyRepository } from './repositories/site-key.repository';
import { RateCounterSchema, SessionSchema, SignInLinkSchema, SiteKeySchema } from './schemas/sign-in.schemas';
import { DeliverySchema, WebhookSubscriptionSchema } from './schemas/delivery.schemas';
import {
  ApiTokenSchema,
  CycleSchema,
  EXPIRING_MODELS,
  EventSchema,
  MODEL,
  ReportSchema,
  SubmissionSchema,
  TaskSchema,
  TemplateSchema,
  UserSchema,
  WorkingGroupSchema,
} from './schemas/schemas';
import { ReportVersionSchema } from './schemas/report-version.schema';
import { DraftRepository, DraftSchema, DRAFT_MODEL } from './drafts';

const repositories = [
  WorkingGroupRepository,
  TemplateRepository,
  CycleRepository,
  TaskRepository,
  SubmissionRepository,
  EventRepository,
  ReportRepository,
  ReportVersionRepository,
  UserRepository,
  ApiTokenRepository,
  DeliveryRepository,
  WebhookSubscriptionRepository,
  SignInLinkRepository,
  SessionRepository,
  RateCounterRepository,
  SiteKeyRepository,
  DraftRepository,
];

/**
 * Unique indexes are what make fan-out, revisions and events idempotent, so they must
 * exist before the first write, not whenever Mongoose's background autoIndex gets there.
 */
@Injectable()
class IndexBootstrap implements OnModuleInit {
  private readonly logger = new Logger('Persistence');
  constructor(private readonly connection: Connection) {}
  async onModuleInit(): Promise<void> {
    for (const name of [...Object.values(MODEL), DRAFT_MODEL]) await this.connection.model(name).createIndexes();
    // Cleanup only: expiry itself is checked in code. FerretDB 1.24 has no TTL indexes ("not
    // implemented"); there the services purge expired records themselves.
    for (const name of EXPIRING_MODELS) {
      await this.connection
        .model(name)
        .collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expiresAt_ttl' })
        .catch((err: Error) => this.logger.debug(`no TTL index on ${name} (${err.message}); expired records are purged in code`));
    }
    this.logger.log(`indexes ready on ${this.connection.name}`);
  }
}

@Global()
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        uri: config.getOrThrow<string>('MONGODB_URI'),
        autoIndex: false,
        // Every command has a deadline: a database that stops answering fails requests (503) and
        // jobs (retried) instead of stalling the process, and its connection is closed, which
        // also frees what the server held for it.
        serverSelectionTimeoutMS: Number(config.get('MONGODB_SERVER_SELECTION_TIMEOUT_MS') ?? 5000),
        socketTimeoutMS: Number(config.get('MONGODB_SOCKET_TIMEOUT_MS') ?? 30000),
        connectTimeoutMS: Number(config.get('MONGODB_SERVER_SELECTION_TIMEOUT_MS') ?? 5000),
      }),
    }),
    MongooseModule.forFeature([
      { name: MODEL.WorkingGroup, schema: WorkingGroupSchema },
      { name: MODEL.Template, schema: TemplateSchema },
      { name: MODEL.Cycle, schema: CycleSchema },
      { name: MODEL.Task, schema: TaskSchema },
      { name: MODEL.Submission, schema: SubmissionSchema },
      { name: MODEL.Event, schema: EventSchema },
      { name: MODEL.Report, schema: ReportSchema },
      { name: MODEL.ReportVersion, schema: ReportVersionSchema },
      { name: MODEL.User, schema: UserSchema },
      { name: MODEL.ApiToken, schema: ApiTokenSchema },
      { name: MODEL.Delivery, schema: DeliverySchema },
      { name: MODEL.WebhookSubscription, schema: WebhookSubscriptionSchema },
      { name: MODEL.SignInLink, schema: SignInLinkSchema },
      { name: MODEL.Session, schema: SessionSchema },
      { name: MODEL.RateCounter, schema: RateCounterSchema },
      { name: MODEL.SiteKey, schema: SiteKeySchema },
      { name: DRAFT_MODEL, schema: DraftSchema },
    ]),
  ],
  providers: [
    ...repositories,
    DatabaseProbe,
    { provide: IndexBootstrap, inject: [getConnectionToken()], useFactory: (c: Connection) => new IndexBootstrap(c) },
  ],
  exports: [...repositories, DatabaseProbe],
})
export class PersistenceModule {}
