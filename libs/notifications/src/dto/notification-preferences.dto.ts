import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { EMAIL_MODES, EmailMode } from '../notification-preferences';
import { NOTIFICATION_TYPES, NotificationType } from '../notification-types';

/** `PUT /v1/me/notification-preferences`: replaces the caller's settings. */
export class NotificationPreferencesDto {
  @ApiProperty({
    description: 'Send notifications by e-mail (when the server has SMTP configured).',
    example: true,
  })
  @IsBoolean()
  email: boolean;

  @ApiPropertyOptional({
    enum: EMAIL_MODES,
    default: 'immediate',
    description: 'Mail each notification as it happens, or one daily digest.',
  })
  @IsOptional()
  @IsIn(EMAIL_MODES, { message: `mode must be one of: ${EMAIL_MODES.join(', ')}` })
  mode?: EmailMode;

  @ApiPropertyOptional({
    enum: NOTIFICATION_TYPES,
    isArray: true,
    example: ['claim.evidence_added'],
    description: 'Types never mailed; they still appear in the list and the live stream.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @IsIn(NOTIFICATION_TYPES, {
    each: true,
    message: `each mute entry must be one of: ${NOTIFICATION_TYPES.join(', ')}`,
  })
  mute?: NotificationType[];
}

export class NotificationPreferencesView {
  @ApiProperty({ example: true })
  email: boolean;

  @ApiProperty({ enum: EMAIL_MODES })
  mode: EmailMode;

  @ApiProperty({ enum: NOTIFICATION_TYPES, isArray: true })
  mute: NotificationType[];
}
