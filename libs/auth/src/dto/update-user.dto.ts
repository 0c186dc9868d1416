import { Trim } from '@claimdesk/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { HANDLE_PATTERN } from '../handle';
import { USER_ROLES, UserRole } from '../roles';
import { PASSWORD_MAX, PASSWORD_MIN } from './create-user.dto';

/** Every field optional; only those sent change. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Ana Lučić', minLength: 1, maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, isArray: true, example: ['editor'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_ROLES.length)
  @ArrayUnique()
  @IsIn(USER_ROLES, { each: true, message: `each value in roles must be one of: ${USER_ROLES.join(', ')}` })
  roles?: UserRole[];

  @ApiPropertyOptional({ type: [String], example: ['health'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  expertise?: string[];

  @ApiPropertyOptional({ description: 'false disables the account: its tokens stop working at once.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @ApiPropertyOptional({ example: 'ana', pattern: HANDLE_PATTERN.source })
  @IsOptional()
  @Matches(HANDLE_PATTERN, { message: 'handle must be 2-32 lower-case letters, digits or "_"' })
  handle?: string;
}
