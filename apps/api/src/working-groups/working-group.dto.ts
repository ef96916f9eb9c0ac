import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { isTimeZone, KEY_PATTERN, LANGUAGES } from '@pact/domain';
import { MultiLineText, NestedObject, SingleLineText } from '../http/validation';

export class ChairDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() @MaxLength(320) email: string;
  @IsIn(LANGUAGES) language: (typeof LANGUAGES)[number];
  /** IANA time zone for dates in the chair's messages (default Europe/Brussels). */
  @IsOptional() @IsString() @IsTimeZoneName() timeZone?: string;
}

/** A participant the committee adds: a working group of the Pact, a city of the Charter. */
export class AddWorkingGroupDto {
  @Matches(KEY_PATTERN) key: string;
  @Matches(KEY_PATTERN) programme: string;
  /** Its title: a field of action, a city's name. */
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name: string;
  @IsOptional() @IsString() @MultiLineText() @MaxLength(2000) goal?: string;
  /** Its chair (a city's coordinator). */
  @NestedObject(() => ChairDto) chair: ChairDto;
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code (NL)' }) country?: string;
  @IsOptional() @IsString() @Matches(KEY_PATTERN) size?: string;
}

export class ListWorkingGroupsQuery {
  @IsOptional() @Matches(KEY_PATTERN) programme?: string;
}

export class UpdateWorkingGroupDto {
  @NestedObject(() => ChairDto, { optional: true }) chair?: ChairDto;
  @IsOptional() @IsString() @MultiLineText() @MaxLength(2000) goal?: string;
}

function IsTimeZoneName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZoneName',
      validator: { validate: (v) => typeof v === 'string' && isTimeZone(v), defaultMessage: () => '$property must be an IANA time zone, e.g. Europe/Berlin' },
    },
    options,
  );
}
