import { ApiProperty } from '@nestjs/swagger';
import { KEY_PATTERN } from '@pact/domain';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** Whose history. */
export class HistoryQuery {
  @Matches(KEY_PATTERN, { message: 'programme: a programme key (lowercase letters, digits and dashes), e.g. charter' }) programme: string;
}

/** Whose history, and whether the file may take the place of years already imported. */
export class HistoryImportQuery extends HistoryQuery {
  /** `true`: years already imported are replaced by the file's (all of them or, on any problem, none); otherwise such a year is a 409 naming it. */
  @IsOptional() @IsIn(['true', 'false'], { message: 'replace: true or false' }) replace?: string;
}

export class HistoricYearDto {
  @ApiProperty({ example: 2015 }) year: number;
  @ApiProperty({ description: 'the import that stored this year' }) importId: string;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
  @ApiProperty({ example: 'user:3f2a…', description: 'who imported it' }) importedBy: string;
  @ApiProperty({ example: 20 }) participants: number;
  @ApiProperty({ example: 220 }) answers: number;
}

export class ImportedYearDto {
  @ApiProperty({ example: 2015 }) year: number;
  @ApiProperty({ example: 20 }) participants: number;
  @ApiProperty({ example: 220 }) answers: number;
  @ApiProperty({ description: 'the year was stored before and this file took its place' }) replaced: boolean;
}

export class HistoryImportSummaryDto {
  @ApiProperty() importId: string;
  @ApiProperty({ example: 'charter' }) programme: string;
  @ApiProperty({ example: 1133, description: 'answers (rows) imported' }) answers: number;
  @ApiProperty({ type: [ImportedYearDto] }) years: ImportedYearDto[];
  @ApiProperty({ example: 1100, description: 'observations recorded (a value per rated commitment, GET /api/indicators/{code}/series)' }) observations: number;
}
