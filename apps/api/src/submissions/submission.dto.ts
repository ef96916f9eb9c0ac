import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { KEY_PATTERN, MEASURE_STATUSES, MeasureStatus } from '@pact/domain';
import { MultiLineText, NestedObjects, SingleLineText } from '../http/validation';

/** Hard ceilings for any template; the cycle's template may set tighter limits. */
const MAX_LIST = 1000;
const MAX_TEXT = 4000;

export class MeasureDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(500) title: string;
  @IsIn(MEASURE_STATUSES) status: MeasureStatus;
  @IsOptional() @IsString() @MultiLineText() @MaxLength(MAX_TEXT) description?: string;
}

export class IndicatorDto {
  @Matches(KEY_PATTERN, { message: 'key: lowercase letters, digits and dashes, starting with a letter' }) key: string;
  @IsOptional() @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsString() @SingleLineText() @MinLength(1) @MaxLength(50) unit?: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) baseline: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) target: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) actual: number;
}

/** A list of free texts (good practices, obstacles, recommendations): each one the multi-line text rule, bounded. */
const TextList = () =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_LIST),
    IsString({ each: true }),
    MultiLineText({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(MAX_TEXT, { each: true }),
  );

/** A working group's implementation report for one milestone. */
export class SubmissionDto {
  @NestedObjects(() => MeasureDto) @ArrayMaxSize(MAX_LIST) measures: MeasureDto[];
  @NestedObjects(() => IndicatorDto) @ArrayMaxSize(MAX_LIST) indicators: IndicatorDto[];
  @TextList()
  goodPractices?: string[];
  @TextList()
  obstacles?: string[];
  @TextList()
  recommendations?: string[];
}

/**
 * A participant's answers to a questionnaire round (a city's self-evaluation), by question key.
 * Their shape per question is the round's questionnaire's, which no static DTO knows: the engine
 * checks them (`answerProblems`) and answers 400 naming each problem by its path
 * (`answers.<question>`, `answers.<group>[i].<question>`).
 */
export class AnswersDto {
  @IsObject() answers: Record<string, unknown>;
}
