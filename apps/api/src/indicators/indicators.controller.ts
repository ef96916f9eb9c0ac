import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IndicatorCatalog, ObservationService, Principal, ProgrammeCatalog } from '@pact/engine';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../http/problem-details';
import { PeersQuery, ProgrammeQuery, SeriesQuery } from './indicator.dto';

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly catalog: IndicatorCatalog,
    private readonly observations: ObservationService,
    private readonly programmes: ProgrammeCatalog,
  ) {}

  /** The indicator catalogues (code, names, definition, unit, polarity, source): every programme's, or one (`?programme=`). */
  @ApiProblems(400)
  @Get()
  list(@Query() q: ProgrammeQuery) {
    return this.catalog.list().filter((c) => !q.programme || c.programme === q.programme);
  }

  /**
   * A participant's values of an indicator over time, oldest period first (periods without a
   * value left out). The committee and operators read any participant's; a chair their own group's.
   */
  @ApiProblems(400, 404)
  @Get(':code/series')
  series(@Param('code') code: string, @Query() q: SeriesQuery, @CurrentPrincipal() p: Principal) {
    return this.observations.seriesFor(p, q.programme ?? this.programmes.reportProgramme(), code, q.participant);
  }

  /** Every participant's value of an indicator in one period, by participant, with the median: the committee's and operators'. */
  @ApiProblems(400, 404)
  @Roles('committee', 'operator')
  @Get(':code/peers')
  peers(@Param('code') code: string, @Query() q: PeersQuery, @CurrentPrincipal() p: Principal) {
    return this.observations.peersFor(p, q.programme ?? this.programmes.reportProgramme(), code, q.period);
  }
}
