import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EngineSettings, EvidenceFileService, Principal, TaskQuery, TooLargeError } from '@pact/engine';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Actor, CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../http/problem-details';
import { FILE_FIELD, withUploadedFile } from './multipart-upload';

/** What an upload answers (201). */
export class EvidenceFileDto {
  @ApiProperty({ example: '3f2a9c0e5b7d41e8a6c2f01b9d4e7a53', description: 'the file id (GET/DELETE /api/tasks/{id}/evidence-files/{fileId})' })
  id: string;
  @ApiProperty()
  taskId: string;
  @ApiProperty({
    example: 'action-plan-2030.pdf',
    description: 'the name as uploaded, made safe (no folders or control characters; the extension of its type)',
  })
  name: string;
  @ApiProperty({ enum: ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'odt', 'ods', 'text'], description: 'detected from the content, never the name' })
  type: string;
  @ApiProperty({ example: 'application/pdf', description: 'what a download is served as' })
  mediaType: string;
  @ApiProperty({ example: 182734 })
  size: number;
  @ApiProperty({ description: 'hex SHA-256 of the content' })
  sha256: string;
  @ApiProperty({ description: 'the user id of who uploaded it' })
  uploadedBy: string;
  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;
  @ApiProperty({ enum: ['stored', 'attached'], description: 'attached: a submitted answer refers to it (it can no longer be deleted)' })
  state: string;
}

/** Room for the multipart framing around a file at the limit: a body declared larger is refused before it is read. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Evidence files of a task: uploaded by its own participant, downloaded by whoever may read the
 * task (anyone else: 404, as for a file that does not exist), deleted by the participant while
 * the report can still be written. The engine (EvidenceFileService) checks size, type and scan.
 */
@ApiTags('tasks')
@Controller('tasks')
export class EvidenceFilesController {
  constructor(
    private readonly files: EvidenceFileService,
    private readonly access: TaskQuery,
    private readonly settings: EngineSettings,
  ) {}

  /** Streams the file into storage; 413 over EVIDENCE_MAX_BYTES, 415 for a type not allowed (from the content), 422 refused by the scan: nothing kept. */
  @ApiProblems(400, 404, 409, 413, 415, 422)
  @Post(':id/evidence-files')
  @Roles('chair')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [FILE_FIELD],
      properties: { [FILE_FIELD]: { type: 'string', format: 'binary', description: 'the file; its type is told from its content' } },
    },
  })
  @ApiCreatedResponse({ type: EvidenceFileDto })
  async upload(@Param('id') id: string, @Req() req: Request, @Actor() actor: string, @CurrentPrincipal() p: Principal): Promise<EvidenceFileDto> {
    await this.access.visible(id, p, 'submit');
    const { maxBytes } = this.settings.evidence;
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + MULTIPART_OVERHEAD) {
      throw new TooLargeError(`file: larger than the limit of ${maxBytes} bytes`);
    }
    return withUploadedFile(req, maxBytes, (file) => this.files.upload(id, { name: file.name, body: file.body }, actor));
  }

  /** The content as a download (attachment, its detected type, nosniff); 404 for anyone who may not read the task. */
  @ApiProblems(404)
  @Get(':id/evidence-files/:fileId')
  @ApiOkResponse({ description: 'the file, as an attachment', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async download(@Param('id') id: string, @Param('fileId') fileId: string, @CurrentPrincipal() p: Principal, @Res() res: Response): Promise<void> {
    await this.access.visible(id, p, 'read');
    const { file, body } = await this.files.open(id, fileId);
    res.attachment(file.name);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Served only to those who may read the task: no shared cache may keep it.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    await pipeline(body, res).catch(() => undefined);
  }

  /** Deletes a file not yet part of a submitted report, while the report can still be written (409 otherwise). */
  @ApiProblems(404, 409)
  @Delete(':id/evidence-files/:fileId')
  @Roles('chair')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Param('fileId') fileId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.access.visible(id, p, 'submit');
    await this.files.remove(id, fileId);
  }
}
