import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, UserRole } from '../roles';
import { User } from '../user.entity';

/** A user as the API shows it: never the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ana@desk.example' })
  email: string;

  @ApiProperty({ example: 'Ana Lučić' })
  name: string;

  @ApiProperty({ example: 'ana', description: 'Unique; mention the user in notes as `@handle`.' })
  handle: string;

  @ApiProperty({ enum: USER_ROLES, isArray: true, example: ['fact_checker'] })
  roles: UserRole[];

  @ApiProperty({ type: [String], example: ['elections', 'balkans'] })
  expertise: string[];

  @ApiProperty({ example: true })
  active: boolean;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserView] })
  items: UserView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    handle: user.handle,
    roles: user.roles,
    expertise: user.expertise,
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
