import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { KEY_PATTERN, LANGUAGES } from '@pact/domain';
import { SingleLineText } from '../http/validation';

export class CreateUserDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() @MaxLength(320) email: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(['committee', 'chair', 'operator'], { each: true }) roles: ('committee' | 'chair' | 'operator')[];
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ArrayUnique() @Matches(KEY_PATTERN, { each: true }) groupKeys?: string[];
  /** The programmes whose committee a committee member sits on (default: the caller's own); only the caller's may be given or taken. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @Matches(KEY_PATTERN, { each: true }) committeeOf?: string[];
  /** Language of their pages and e-mails until they choose one (default: their browser's). */
  @IsOptional() @IsIn([...LANGUAGES]) language?: string;
  /** IANA time zone their dates are shown in (default Europe/Brussels); checked by the engine. */
  @IsOptional() @IsString() @MaxLength(100) timeZone?: string;
}

/**
 * A change to a person (PATCH /api/users/:id): only the fields sent change. Working groups go
 * with the chair role (a chair acts for at least one); the e-mail address is the person's
 * identity and is not changed here.
 */
export class UpdateUserDto {
  @IsOptional() @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(['committee', 'chair', 'operator'], { each: true }) roles?: (
    'committee' | 'chair' | 'operator'
  )[];
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ArrayUnique() @Matches(KEY_PATTERN, { each: true }) groupKeys?: string[];
  /** The programmes whose committee a committee member sits on (default: the caller's own); only the caller's may be given or taken. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @Matches(KEY_PATTERN, { each: true }) committeeOf?: string[];
  @IsOptional() @IsIn([...LANGUAGES]) language?: string;
  /** IANA time zone; checked by the engine. */
  @IsOptional() @IsString() @MaxLength(100) timeZone?: string;
}

export class IssueTokenDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(100) name: string;
  /** Wall-clock days until the token stops working (default 365). */
  @IsOptional() @IsInt() @Min(1) @Max(730) expiresInDays?: number;
}
