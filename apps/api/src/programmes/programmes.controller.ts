import { ApiTags } from '@nestjs/swagger';
import { Controller, Get } from '@nestjs/common';
import { ProgrammeCatalog } from '@pact/engine';

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammeCatalog) {}

  /** The programmes this deployment serves: their keys (as `programme` in cycles, tasks and working groups), names, and what a participant is. */
  @Get()
  list() {
    return this.programmes.list();
  }
}
