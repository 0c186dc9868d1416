import { Module } from '@nestjs/common';
import { IngestionModule } from '@claimdesk/ingestion';
import { SourcesController } from './sources.controller';

@Module({ imports: [IngestionModule], controllers: [SourcesController] })
export class SourcesApiModule {}
