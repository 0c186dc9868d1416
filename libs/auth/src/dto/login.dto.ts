import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserView } from './user.view';

export class LoginDto {
  @ApiProperty({ example: 'ana@desk.example', maxLength: 254 })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password', maxLength: 1024 })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`.' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires.', example: 900 })
  expiresIn: number;

  @ApiProperty({ type: UserView })
  user: UserView;
}
