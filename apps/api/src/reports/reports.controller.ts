import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { compareReports } from '@pact/domain';
import { CompilationService } from '@pact/engine';
import { CompareQuery } from '../cycles/cycle.dto';
import { ApiProblems } from '../http/problem-details';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly compilation: CompilationService) {}

  /** Cross-cycle comparison per field of action: measures moved between statuses, indicators' change, coverage then and now. */
  @ApiProblems(400, 404)
  @Get('compare')
  async compare(@Query() q: CompareQuery) {
    if (q.from === q.to) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['to: must name another cycle than from'] });
    const [from, to] = await Promise.all([this.compilation.find(q.from, q.milestone), this.compilation.find(q.to, q.milestone)]);
    return { from: { cycleId: q.from, milestoneKey: from.milestoneKey }, to: { cycleId: q.to, milestoneKey: to.milestoneKey }, ...compareReports(from.report, to.report) };
  }
}
