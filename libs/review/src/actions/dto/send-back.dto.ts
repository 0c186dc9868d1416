import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class SendBackDto {
  @ApiProperty({
    maxLength: 10000,
    example: 'Add the Bosnian ministry’s statement before we publish.',
    description: 'What the reviewer should change; stored with the review.',
  })
  @IsString()
  @MaxLength(10000)
  @Matches(/\S/, { message: 'comment must not be blank' })
  comment: string;
}
