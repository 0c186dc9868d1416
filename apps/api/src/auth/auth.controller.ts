import { Body, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthService, LoginDto, LoginResponse, RetryAfterFilter } from '@claimdesk/auth';
import { NoIdempotency, Problem, Public } from '@claimdesk/platform';
import type { FastifyRequest } from 'fastify';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @NoIdempotency()
  @HttpCode(200)
  @UseFilters(RetryAfterFilter)
  @ApiOperation({
    summary: 'Sign in with e-mail and password',
    description:
      'Returns a 15-minute access token. Wrong credentials and disabled accounts get the same 401; ' +
      'after 5 failures per address and IP in 15 minutes the answer is 429 with `Retry-After`.',
  })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({
    type: Problem,
    description: 'Wrong e-mail address or password, or a disabled account.',
  })
  @ApiTooManyRequestsResponse({ type: Problem, description: 'Too many failed sign-ins; see `Retry-After`.' })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(body, request.ip);
  }
}
