import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, CLOCK, SimulatedClock, SystemClock } from '@pact/domain';

/**
 * One anchor per process unless the environment gives one: the API and the worker of one
 * run (and a test that hosts both) must agree on "now" to the millisecond.
 */
let processAnchorReal: number | undefined;

export function clockFromConfig(config: ConfigService): Clock {
  if (config.get('CLOCK_MODE') !== 'simulated') return new SystemClock();
  const msPerDay = Number(config.get('SIM_MS_PER_DAY'));
  const anchorRealRaw = config.get('SIM_ANCHOR_REAL_MS');
  processAnchorReal ??= Date.now();
  const anchorReal = anchorRealRaw !== undefined && anchorRealRaw !== null ? Number(anchorRealRaw) : processAnchorReal;
  const anchorDate = config.get<string>('SIM_ANCHOR_DATE');
  const anchorSim = anchorDate ? new Date(anchorDate) : new Date(anchorReal);
  return new SimulatedClock(msPerDay, anchorReal, anchorSim);
}

@Global()
@Module({
  providers: [
    {
      provide: CLOCK,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const clock = clockFromConfig(config);
        new Logger('Clock').log(clock.describe());
        return clock;
      },
    },
  ],
  exports: [CLOCK],
})
export class ClockModule {}
