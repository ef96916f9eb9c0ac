import { IsBoolean, IsIn, IsMongoId, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { REASON_LENGTH } from '@pact/domain';
import { DayOrMoment, MultiLineText } from '../http/validation';

/** A chair asks for more time: the date they propose and why. */
export class ExtensionRequestDto {
  @DayOrMoment('due') proposedDueAt: string;
  @IsString() @MultiLineText() @MinLength(REASON_LENGTH.min) @MaxLength(REASON_LENGTH.max) reason: string;
}

/** The committee's decision on a request: grant (optionally another date than proposed) or refuse, with a reason either way. */
export class ExtensionDecisionDto {
  @IsBoolean() grant: boolean;
  /** Granting: the new due date; default the proposed one. Refusing: must be absent. */
  @IsOptional() @DayOrMoment('due') dueAt?: string;
  @IsString() @MultiLineText() @MinLength(REASON_LENGTH.min) @MaxLength(REASON_LENGTH.max) reason: string;
}

export class ExtensionRequestListQuery {
  /** Only requests waiting for a decision are listed (decided ones are on their task: GET /api/tasks/:id). */
  @IsOptional() @IsIn(['pending']) status?: 'pending';
  @IsOptional() @IsMongoId() cycleId?: string;
}
