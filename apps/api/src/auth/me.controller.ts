import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, MeView } from '@claimdesk/auth';
import { CurrentPrincipal, Principal } from '@claimdesk/platform';

@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({
    summary: 'The caller',
    description: 'A signed-in user with their account and settings, or a newsroom API key with its details.',
  })
  @ApiOkResponse({ type: MeView })
  me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    return this.auth.me(principal);
  }
}
