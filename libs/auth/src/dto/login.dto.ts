import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { UserView } from './user.view';

/** How a client keeps its refresh token: in the response body (API clients) or in cookies (browsers). */
export const SESSION_KINDS = ['token', 'cookie'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

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

  @ApiPropertyOptional({
    enum: SESSION_KINDS,
    default: 'token',
    description:
      '`token`: the refresh token comes in the body. `cookie` (browsers): it comes as the httpOnly ' +
      '`claimdesk_refresh` cookie, with a `claimdesk_csrf` cookie to echo in `X-CSRF-Token`.',
  })
  @IsOptional()
  @IsIn(SESSION_KINDS)
  session?: SessionKind;
}

/** `POST /v1/auth/refresh` and `POST /v1/auth/logout`: the token in the body, or nothing (browsers' cookie). */
export class RefreshTokenDto {
  @ApiPropertyOptional({
    description: 'An API client’s refresh token. Browsers send none and use the cookie instead.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
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

  @ApiPropertyOptional({
    description: 'Token sessions only: opaque, single use; trade it at `POST /v1/auth/refresh`.',
    example: 'crt_…',
  })
  refreshToken?: string;

  @ApiPropertyOptional({ description: 'Token sessions only: seconds until the refresh token expires.' })
  refreshExpiresIn?: number;
}
