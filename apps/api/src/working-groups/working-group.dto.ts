import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SUPPORTED_LANGUAGES } from '@pact/domain';

export class ChairDto {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() @MaxLength(320) email: string;
  @IsIn(SUPPORTED_LANGUAGES) language: (typeof SUPPORTED_LANGUAGES)[number];
}

export class UpdateWorkingGroupDto {
  @IsOptional() @ValidateNested() @Type(() => ChairDto) chair?: ChairDto;
  @IsOptional() @IsString() @MaxLength(2000) goal?: string;
}
