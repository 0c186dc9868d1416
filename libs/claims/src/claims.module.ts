import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorsModule } from '@claimdesk/actors';
import { EventsModule } from '@claimdesk/events';
import { PublicationsModule } from '@claimdesk/publications';
import { Claim } from './claim.entity';
import { ClaimsService } from './claims.service';
import { Evidence } from './evidence.entity';
import { Source } from './source.entity';
import { SourcesService } from './sources.service';
import { Stance } from './stance.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Claim, Source, Stance, Evidence]),
    ActorsModule,
    EventsModule,
    PublicationsModule,
  ],
  providers: [ClaimsService, SourcesService],
  exports: [ClaimsService, SourcesService],
})
export class ClaimsModule {}
