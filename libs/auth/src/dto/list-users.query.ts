import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery, QueryBoolean } from '@claimdesk/platform';
import { USER_ROLES, UserRole } from '../roles';

/** Users ordered by e-mail address. */
export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: USER_ROLES, description: 'Only users holding this role.' })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ type: Boolean, description: 'Only active (true) or disabled (false) users.' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Part of the name, e-mail address or handle.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}
