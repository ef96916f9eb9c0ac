import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { compareReports } from '@pact/domain';
import { Principal, ReportReadingService } from '@pact/engine';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { CompareQuery } from '../cycles/cycle.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reading: ReportReadingService) {}

  /** Cross-cycle comparison per field of action: measures moved between statuses, indicators' change, coverage then and now. */
  @ApiProblems(400, 404)
  @Get('compare')
  async compare(@Query() q: CompareQuery, @CurrentPrincipal() p: Principal) {
    if (q.from === q.to) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['to: must name another cycle than from'] });
    // Each side as this person may read it (a chair: their group's part before publication).
    const [from, to] = await this.reading.readPair(p, { cycleId: q.from, milestoneKey: q.milestone }, { cycleId: q.to, milestoneKey: q.milestone });
    return {
      from: { cycleId: q.from, milestoneKey: from.report.milestoneKey },
      to: { cycleId: q.to, milestoneKey: to.report.milestoneKey },
      ...compareReports(from.report, to.report),
    };
  }
}
