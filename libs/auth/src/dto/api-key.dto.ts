import { Trim } from '@claimdesk/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiKey } from '../api-key.entity';
import { API_KEY_ROLES, ApiKeyRole } from '../roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Daily Ledger newsroom', minLength: 1, maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: API_KEY_ROLES, example: 'newsroom' })
  @IsIn(API_KEY_ROLES)
  role: ApiKeyRole;
}

/** An API key as lists show it: never the key itself. */
export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Daily Ledger newsroom' })
  name: string;

  @ApiProperty({ enum: API_KEY_ROLES, example: 'newsroom' })
  role: ApiKeyRole;

  @ApiProperty({ example: 'Xb3kP0qz', description: 'The first 8 characters after `ck_`.' })
  prefix: string;

  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    format: 'date-time',
    type: String,
    nullable: true,
    description: 'Updated at most once a minute.',
  })
  lastUsedAt: string | null;

  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  revokedAt: string | null;
}

/** The answer to issuing a key: the only time the key is shown. */
export class IssuedApiKey {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ck_Xb3kP0qz…', description: 'Shown once; store it now.' })
  key: string;

  @ApiProperty({ example: 'Xb3kP0qz' })
  prefix: string;

  @ApiProperty({ example: 'Daily Ledger newsroom' })
  name: string;

  @ApiProperty({ enum: API_KEY_ROLES, example: 'newsroom' })
  role: ApiKeyRole;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ApiKeyPage {
  @ApiProperty({ type: [ApiKeyView] })
  items: ApiKeyView[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export function toApiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
