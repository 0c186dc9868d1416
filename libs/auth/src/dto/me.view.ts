import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, Role } from '@claimdesk/platform';
import { ApiKeyView } from './api-key.dto';
import { UserView } from './user.view';

export class MeUserView extends UserView {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { email: true } })
  notificationPreferences: Record<string, unknown>;
}

/** The caller: a signed-in user (with `user`) or a newsroom API key (with `apiKey`). */
export class MeView {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Ana Lučić' })
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiPropertyOptional({ type: MeUserView })
  user?: MeUserView;

  @ApiPropertyOptional({ type: ApiKeyView })
  apiKey?: ApiKeyView;
}
