import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateWebhookDto } from './create-webhook.dto';

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  @ApiPropertyOptional({
    example: true,
    description:
      'false pauses deliveries; true re-enables an endpoint that was disabled (410 or failing for days).',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
