import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class DismissClaimDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'Not check-worthy: an opinion, not a statement of fact.',
    description: 'Why the claim will not be checked; kept in its history.',
  })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
