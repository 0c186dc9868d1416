import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class ReopenClaimDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'A reader sent a 2022 ministry statement that changes the rating.',
    description: 'Why the published review needs a correction; kept in the claim’s history.',
  })
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
