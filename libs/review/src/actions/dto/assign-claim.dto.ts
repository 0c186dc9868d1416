import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AssignClaimDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An active user who may review claims (fact-checker, editor or admin).',
  })
  @IsUUID('all')
  assigneeId: string;
}
