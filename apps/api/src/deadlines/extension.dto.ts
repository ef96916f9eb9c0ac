import { IsString, MaxLength, MinLength } from 'class-validator';
import { DayOrMoment, MultiLineText } from '../http/validation';

/** The committee grants an extension: the new due date and why. */
export class ExtensionDto {
  @DayOrMoment('due') dueAt: string;
  @IsString() @MultiLineText() @MinLength(3) @MaxLength(2000) reason: string;
}
