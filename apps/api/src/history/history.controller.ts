import { Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HISTORY_MAX_BYTES, HistoryFileProblemsError, HistoryService, Principal, TooLargeError } from '@pact/engine';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiProblems, problemBody } from '../http/problem-details';
import { FILE_FIELD, withUploadedFile } from '../evidence-files/multipart-upload';
import { HistoricYearDto, HistoryImportQuery, HistoryImportSummaryDto, HistoryQuery } from './history.dto';

/** The types a history file may be sent as, as the body itself (else as the multipart field `file`). */
const RAW_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
/** Room for the multipart framing around a file at the limit: a body declared larger is refused before it is read. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The stream's bytes, or TooLargeError once it passes the limit (the rest is not kept). */
async function bytesOf(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.resume();
      throw new TooLargeError(`file: larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Past cycles of a programme imported from a history file (docs/guide/history-import.md): the
 * programme's committee (or an operator) imports; whoever takes part in the programme lists them.
 */
@ApiTags('history')
@Controller('history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  /**
   * Imports a history file (CSV or XLSX, told from the content) as the programme's historic
   * cycles, all or nothing: 422 with every problem by row and column, 409 for a year already
   * imported (unless `replace=true`), 413 over 5 MB; nothing is stored then.
   */
  @ApiProblems(400, 409, 413, 415, 422)
  @Post()
  @Roles('committee', 'operator')
  @ApiConsumes('multipart/form-data', ...RAW_TYPES)
  @ApiBody({
    description: `the file: as the multipart field "${FILE_FIELD}", or as the body itself with its type (text/csv, or the XLSX type)`,
    schema: { type: 'object', required: [FILE_FIELD], properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: HistoryImportSummaryDto })
  async import(@Query() q: HistoryImportQuery, @Req() req: Request, @Res() res: Response, @CurrentPrincipal() p: Principal): Promise<void> {
    if (Number(req.headers['content-length'] ?? 0) > HISTORY_MAX_BYTES + MULTIPART_OVERHEAD)
      throw new TooLargeError(`file: larger than the limit of ${HISTORY_MAX_BYTES} bytes`);
    const raw = req.is(RAW_TYPES);
    const bytes = raw ? await bytesOf(req, HISTORY_MAX_BYTES) : await withUploadedFile(req, HISTORY_MAX_BYTES, (file) => bytesOf(file.body, HISTORY_MAX_BYTES));
    try {
      const summary = await this.history.import(q.programme, bytes, p, { replace: q.replace === 'true' });
      res.status(HttpStatus.CREATED).json(summary);
    } catch (err) {
      if (!(err instanceof HistoryFileProblemsError)) throw err;
      // Problem Details as every error, its list carrying each problem's row, column and rule besides the field and message.
      const body = problemBody(
        422,
        err.problems.map((x) => `${x.path}: ${x.message}`),
      );
      const errors = err.rowProblems.map((x) => ({ field: `row ${x.row}, ${x.column}`, row: x.row, column: x.column, rule: x.rule, message: x.message }));
      res
        .status(422)
        .type('application/problem+json')
        .send(JSON.stringify({ ...body, detail: `${errors.length} problem${errors.length === 1 ? '' : 's'} in the file: nothing was imported`, errors }));
    }
  }

  /** The programme's imported years, newest first (another programme's: 404). */
  @ApiProblems(400, 404)
  @Get()
  @ApiOkResponse({ type: [HistoricYearDto] })
  list(@Query() q: HistoryQuery, @CurrentPrincipal() p: Principal) {
    return this.history.listFor(p, q.programme);
  }
}
