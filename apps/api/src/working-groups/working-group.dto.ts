import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { isTimeZone, LANGUAGES } from '@pact/domain';
import { MultiLineText, NestedObject, SingleLineText } from '../http/validation';

export class ChairDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() @MaxLength(320) email: string;
  @IsIn(LANGUAGES) language: (typeof LANGUAGES)[number];
  /** IANA time zone for dates in the chair's messages (default Europe/Brussels). */
  @IsOptional() @IsString() @IsTimeZoneName() timeZone?: string;
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
