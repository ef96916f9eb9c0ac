import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { MultiLineText } from '../http/validation';

/** The committee grants an extension: the new due date and why. */
export class ExtensionDto {
  @IsISO8601({ strict: true }) dueAt: string;
  @IsString() @MultiLineText() @MinLength(3) @MaxLength(2000) reason: string;
}
