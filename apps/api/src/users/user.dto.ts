import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { KEY_PATTERN } from '@pact/domain';
import { SingleLineText } from '../http/validation';

export class CreateUserDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() @MaxLength(320) email: string;
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(['committee', 'chair', 'operator'], { each: true }) roles: ('committee' | 'chair' | 'operator')[];
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ArrayUnique() @Matches(KEY_PATTERN, { each: true }) groupKeys?: string[];
}

export class IssueTokenDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(100) name: string;
  /** Wall-clock days until the token stops working (default 365). */
  @IsOptional() @IsInt() @Min(1) @Max(730) expiresInDays?: number;
}
