import { INestApplication, MiddlewareConsumer, Module, Provider, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { CLOCK, DEFAULT_TEXT_LANGUAGES, defaultMilestones, ManualClock } from '@pact/domain';
import { CycleService, EngineSettings, PACT_CONFIG, Person, ProgrammeCatalog, SessionService, testEngineSettings } from '@pact/engine';
import { automock, Doubled } from '@pact/engine/testing/service-doubles';
import request from 'supertest';
import { ApiSettings } from '../../config/api-settings';
import { configureHttp } from '../../http/http-setup';
import { cookieNames } from '../cookies';
import { sessionFormToken } from '../csrf';
import { mountPageChain } from '../web-app';
import { configureWeb } from '../web-setup';
import { WebModule } from '../web.module';

/**
 * Route tests of people's pages without the world (no Redis, no MongoDB, no browser), as
 * hmpps-template-typescript's `appWithAllRoutes({ services })`: the real page controllers and the
 * real web setup (`configureHttp` + `configureWeb` + the page chain of web-app.ts: Eta views, texts,
 * CSP, session, CSRF, the error pages), taken from `WebModule` itself so a page added there is here too, over engine services
 * that are test doubles (`automock`: every method a jest.fn() resolving to undefined). A test
 * programs the doubles it cares about, signs someone in, and reads the HTML.
 */
export interface PagesApp {
  app: INestApplication;
  clock: ManualClock;
  /** The double standing in for an engine service (or any other class a page takes), to program and inspect. */
  double<T>(cls: abstract new (...args: never[]) => T): Doubled<T>;
  /** Who the session cookie authenticates as from now on (`SessionService.authenticate`); null: nobody. */
  signIn(person: Person | null): void;
  /** A GET with the session cookie. */
  get(path: string): request.Test;
  /** The CSRF token the signed-in person's forms carry. */
  csrfToken(): string;
  /** A form post with the session cookie and the session's CSRF token (`csrf: false` leaves it out). */
  post(path: string, form?: Record<string, string | string[]>, opts?: { csrf?: boolean }): request.Test;
  close(): Promise<void>;
}

const BODY_LIMIT = '1mb';

/** A signed-in person for route tests: a committee member unless `over` says otherwise. */
export function aPerson(over: Partial<Person> = {}): Person {
  return {
    userId: 'u-1',
    name: 'Maria Rossi',
    email: 'maria.rossi@example.org',
    roles: ['committee'],
    committeeOf: ['pact'],
    groupKeys: [],
    programmes: ['pact'],
    actor: 'committee:maria.rossi@example.org',
    sessionId: 's-1',
    language: 'en',
    timeZone: 'Europe/Brussels',
    ...over,
  };
}

/** A chair of `groupKey` (German time zone, English pages unless `over` says otherwise). */
export function aChair(groupKey = 'education', over: Partial<Person> = {}): Person {
  return aPerson({
    userId: 'u-2',
    name: 'Anna Weber',
    email: 'anna.weber@example.org',
    roles: ['chair'],
    groupKeys: [groupKey],
    actor: 'chair:anna.weber@example.org',
    timeZone: 'Europe/Berlin',
    ...over,
  });
}

export async function appWithPages(opts: { now?: Date; config?: Record<string, unknown>; env?: Record<string, unknown> } = {}): Promise<PagesApp> {
  const clock = new ManualClock(opts.now ?? new Date('2030-01-15T09:00:00Z'));
  const doubles = new Map<unknown, unknown>();
  const doubleOf = (token: unknown) => {
    if (!doubles.has(token)) doubles.set(token, automock(token as Type<unknown>));
    return doubles.get(token);
  };
  const settings = testEngineSettings({ PUBLIC_URL: 'http://localhost:3000', ...opts.env });
  const providers: Provider[] = [
    ...((Reflect.getMetadata('providers', WebModule) ?? []) as Provider[]),
    { provide: CLOCK, useValue: clock },
    { provide: EngineSettings, useValue: settings },
    { provide: ApiSettings, useValue: { bodyLimit: BODY_LIMIT } },
    // The programme as a configuration without one has; the test adds what its page reads.
    { provide: PACT_CONFIG, useValue: { languages: DEFAULT_TEXT_LANGUAGES, milestones: defaultMilestones(), workingGroups: [], ...opts.config } },
  ];
  const controllers = Reflect.getMetadata('controllers', WebModule) as Type<unknown>[];
  // WebModule's controllers and providers with its page chain mounted as WebModule mounts it.
  class PagesUnderTest {
    configure(consumer: MiddlewareConsumer): void {
      mountPageChain(consumer, controllers);
    }
  }
  Module({ controllers, providers })(PagesUnderTest);
  const moduleRef = await Test.createTestingModule({ imports: [PagesUnderTest] })
    // Every other class a page or the web context takes (engine services and queries, the report
    // responder) is a double; anything else is a missing piece of this helper, said at once.
    .useMocker((token) => {
      if (typeof token === 'function') return doubleOf(token);
      throw new Error(`appWithPages: no double for ${String(token)}`);
    })
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureHttp(app, BODY_LIMIT);
  configureWeb(app);
  await app.init();

  // The programmes served: the Pact alone unless a test says otherwise.
  (doubleOf(ProgrammeCatalog) as Doubled<ProgrammeCatalog>).list.mockReturnValue([
    { key: 'pact', name: 'European Pact for Integration', participantKind: 'working-group' },
  ] as never);
  (doubleOf(ProgrammeCatalog) as Doubled<ProgrammeCatalog>).known.mockImplementation(
    ((key: string) =>
      (doubleOf(ProgrammeCatalog) as Doubled<ProgrammeCatalog>).list().find((p) => p.key === key) ?? {
        key,
        name: key,
        participantKind: 'working-group',
      }) as never,
  );
  (doubleOf(CycleService) as Doubled<CycleService>).reportProgramme.mockReturnValue('pact' as never);
  // Who starts which programme's cycles: the committees they sit on (the engine also asks that the programme runs cycles).
  (doubleOf(CycleService) as Doubled<CycleService>).startableBy.mockImplementation(((p: Person) =>
    p.roles.includes('committee') ? p.committeeOf : []) as never);
  (doubleOf(CycleService) as Doubled<CycleService>).programmeLengthMonths.mockReturnValue(24 as never);
  const sessions = doubleOf(SessionService) as Doubled<SessionService>;
  const formKey = Buffer.alloc(32, 1);
  sessions.formSigningKey.mockResolvedValue(formKey as never);
  let person: Person | null = null;
  sessions.authenticate.mockImplementation(async () => person);
  const cookie = `${cookieNames(settings.publicUrl.startsWith('https:')).session}=test-session`;
  const http = () => request(app.getHttpServer());

  return {
    app,
    clock,
    double<T>(cls: abstract new (...args: never[]) => T): Doubled<T> {
      return doubleOf(cls) as Doubled<T>;
    },
    signIn(p) {
      person = p;
    },
    csrfToken() {
      if (!person) throw new Error('appWithPages: csrfToken() needs someone signed in (signIn)');
      return sessionFormToken(person.sessionId, formKey);
    },
    get: (path) => http().get(path).set('Cookie', cookie),
    post: (path, form = {}, o = {}) =>
      http()
        .post(path)
        .set('Cookie', cookie)
        .type('form')
        .send(o.csrf === false || !person ? form : { _csrf: sessionFormToken(person.sessionId, formKey), ...form }),
    close: () => app.close(),
  };
}

/** The visible text of a piece of HTML, tags dropped and white space collapsed: what a reader sees, for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The contents of the first element with this id (`<x id="…">…</x>`, not nested in one of its own kind). */
export function elementById(html: string, id: string): string | undefined {
  const m = new RegExp(`<([a-z0-9]+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m?.[2];
}
