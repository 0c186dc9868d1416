import { Module } from '@nestjs/common';
import { PublicationsModule } from '@claimdesk/publications';
import { PublishedVersionsController } from './published-versions.controller';

@Module({ imports: [PublicationsModule], controllers: [PublishedVersionsController] })
export class PublicationsApiModule {}
