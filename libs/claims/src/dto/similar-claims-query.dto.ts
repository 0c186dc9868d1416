import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class SimilarClaimsQuery {
  @ApiProperty({
    minLength: 3,
    maxLength: 2000,
    example: 'Mercenaries from Albania and Kosovo are fighting in Ukraine',
  })
  @IsString()
  @Length(3, 2000)
  text: string;
}
