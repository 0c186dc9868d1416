import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from '@claimdesk/auth';
import { AppConfig } from '@claimdesk/platform';

/** On start, creates the admin named by ADMIN_EMAIL/ADMIN_PASSWORD when there is no user yet. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const created = await this.users.ensureFirstAdmin(email, password);
    if (created) this.logger.log(`Created the first admin, ${created.email}`);
  }
}
