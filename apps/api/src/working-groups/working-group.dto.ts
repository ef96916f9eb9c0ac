import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';
import { isTimeZone, SUPPORTED_LANGUAGES } from '@pact/domain';

export class ChairDto {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() @MaxLength(320) email: string;
  @IsIn(SUPPORTED_LANGUAGES) language: (typeof SUPPORTED_LANGUAGES)[number];
  /** IANA time zone for dates in the chair's messages (default Europe/Brussels). */
  @IsOptional() @IsString() @IsTimeZoneName() timeZone?: string;
}

export class UpdateWorkingGroupDto {
  @IsOptional() @ValidateNested() @Type(() => ChairDto) chair?: ChairDto;
  @IsOptional() @IsString() @MaxLength(2000) goal?: string;
}

function IsTimeZoneName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTimeZoneName', validator: { validate: (v) => typeof v === 'string' && isTimeZone(v), defaultMessage: () => '$property must be an IANA time zone, e.g. Europe/Berlin' } }, options);
}
