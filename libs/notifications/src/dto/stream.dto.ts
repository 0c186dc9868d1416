import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class StreamTokenView {
  @ApiProperty({ description: 'Pass as `?token=` to GET /v1/notifications/stream; accepted nowhere else.' })
  token: string;

  @ApiProperty({ description: 'Seconds until the token can no longer open a stream.', example: 60 })
  expiresIn: number;
}

export class StreamQuery {
  @ApiPropertyOptional({
    description:
      'A stream token from POST /v1/notifications/stream-token, for clients that cannot send an Authorization header (browsers’ EventSource).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,2048}$/, { message: 'token must be a stream token' })
  token?: string;
}
