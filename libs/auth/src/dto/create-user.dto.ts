import { Trim, TrimLowerCase } from '@claimdesk/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { HANDLE_PATTERN } from '../handle';
import { USER_ROLES, UserRole } from '../roles';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export class CreateUserDto {
  @ApiProperty({ example: 'ana@desk.example', maxLength: 254 })
  @TrimLowerCase()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ana Lučić', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password: string;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['fact_checker'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_ROLES.length)
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true, message: `each value in roles must be one of: ${USER_ROLES.join(', ')}` })
  roles: UserRole[];

  @ApiPropertyOptional({ type: [String], example: ['elections', 'balkans'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  expertise?: string[];

  @ApiPropertyOptional({
    example: 'ana',
    pattern: HANDLE_PATTERN.source,
    description: 'Mention handle; derived from the e-mail address when omitted.',
  })
  @IsOptional()
  @TrimLowerCase()
  @Matches(HANDLE_PATTERN, { message: 'handle must be 2-32 lower-case letters, digits or "_"' })
  handle?: string;
}
