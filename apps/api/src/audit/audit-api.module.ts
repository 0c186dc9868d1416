import { Module } from '@nestjs/common';
import { EventsModule } from '@claimdesk/events';
import { AuditController } from './audit.controller';

@Module({
  imports: [EventsModule],
  controllers: [AuditController],
})
export class AuditApiModule {}
