import { Module } from '@nestjs/common';
import { PublicationsService } from './publications.service';

/** Published versions of fact-checks: written once at `publish`, read by everything public. */
@Module({ providers: [PublicationsService], exports: [PublicationsService] })
export class PublicationsModule {}
