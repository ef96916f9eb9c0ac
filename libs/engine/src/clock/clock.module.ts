import { Global, Logger, Module } from '@nestjs/common';
import { Clock, CLOCK, SimulatedClock, SystemClock } from '@pact/domain';
import { ClockSettings, EngineSettings } from '../config/settings';

/**
 * One anchor per process unless the environment gives one: the API and the worker of one
 * run (and a test that hosts both) must agree on "now" to the millisecond.
 */
let processAnchorReal: number | undefined;

export function clockFromSettings(settings: ClockSettings): Clock {
  if (settings.mode !== 'simulated') return new SystemClock();
  const msPerDay = settings.simMsPerDay;
  processAnchorReal ??= Date.now();
  const anchorReal = settings.simAnchorRealMs ?? processAnchorReal;
  const anchorDate = settings.simAnchorDate;
  const anchorSim = anchorDate ? new Date(anchorDate) : new Date(anchorReal);
  return new SimulatedClock(msPerDay, anchorReal, anchorSim);
}

@Global()
@Module({
  providers: [
    {
      provide: CLOCK,
      inject: [EngineSettings],
      useFactory: (settings: EngineSettings) => {
        const clock = clockFromSettings(settings.clock);
        new Logger('Clock').log(clock.describe());
        return clock;
      },
    },
  ],
  exports: [CLOCK],
})
export class ClockModule {}
