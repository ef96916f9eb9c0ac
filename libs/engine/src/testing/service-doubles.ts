import 'reflect-metadata';
import { CLOCK, DEFAULT_TEXT_LANGUAGES, defaultMilestones, ManualClock } from '@pact/domain';

import { PACT_CONFIG } from '../config/config.module';
import { EngineSettings, testEngineSettings } from '../config/settings';
import { REPORT_CATALOGS } from '../reports/report-catalogs.provider';
import { loadCatalogs } from '../texts/locales';
import { join } from 'node:path';

/**
 * Unit tests of engine services with every collaborator replaced by a test double, built from
 * one place (as immich's server/test/utils.ts does): `newTestService(DeadlineService)` reads the
 * constructor's parameter types (Nest's own metadata) and gives each class-typed collaborator
 * (repositories, producers, other services) an object whose methods are all `jest.fn()`, the
 * Clock a manual clock that moves only when the test says, config an empty object, and catalogs the shipped ones. A test then says only
 * what it expects of the doubles it cares about, so a rule is checked in milliseconds.
 */
export type Doubled<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? jest.Mock<R, A> : T[K] };

/** An object with every method of `cls` (and its ancestors) as a jest.fn() resolving to undefined. */
export function automock<T>(cls: abstract new (...args: any[]) => T): Doubled<T> {
  const double: Record<string, unknown> = {};
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || key in double) continue;
      const d = Object.getOwnPropertyDescriptor(proto, key);
      if (typeof d?.value === 'function') double[key] = jest.fn().mockResolvedValue(undefined);
    }
  }
  return double as Doubled<T>;
}

export interface TestService<S> {
  service: S;
  /** The double given for a collaborator class, to program and inspect. */
  double<T>(cls: abstract new (...args: any[]) => T): Doubled<T>;
  clock: ManualClock;
}

export function newTestService<S>(
  Service: new (...args: any[]) => S,
  opts: { now?: Date; config?: Record<string, unknown>; env?: Record<string, unknown> } = {},
): TestService<S> {
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', Service) ?? [];
  const tokens = new Map<number, unknown>(
    (Reflect.getMetadata('self:paramtypes', Service) ?? []).map((d: { index: number; param: unknown }) => [d.index, d.param]),
  );
  const clock = new ManualClock(opts.now ?? new Date('2030-01-01T00:00:00Z'));
  const doubles = new Map<unknown, unknown>();
  const args = types.map((type, i) => {
    const token = tokens.get(i) ?? type;
    if (token === CLOCK) return clock;
    // The programme's languages and rhythm as a configuration without them has; the test adds what it uses.
    if (token === PACT_CONFIG) return { languages: DEFAULT_TEXT_LANGUAGES, milestones: defaultMilestones(), ...opts.config };
    if (token === EngineSettings) return testEngineSettings(opts.env);
    // The shipped words, as the engine reads them at start.
    if (token === REPORT_CATALOGS) return loadCatalogs(join(__dirname, '..', '..', '..', '..', 'locales'), 'reports');
    if (typeof token !== 'function') throw new Error(`${Service.name}: no test double for constructor parameter ${i} (${String(token)})`);
    const double = automock(token as new (...a: any[]) => unknown);
    doubles.set(token, double);
    return double;
  });
  return {
    service: new Service(...args),
    clock,
    double<T>(cls: abstract new (...args: any[]) => T): Doubled<T> {
      const d = doubles.get(cls);
      if (!d) throw new Error(`${Service.name} takes no ${cls.name}`);
      return d as Doubled<T>;
    },
  };
}
