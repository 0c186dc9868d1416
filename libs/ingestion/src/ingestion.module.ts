import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClaimsModule } from '@claimdesk/claims';
import { ClaimCandidate } from './claim-candidate.entity';
import { IngestionService } from './ingestion.service';
import { SourceDocument } from './source-document.entity';

@Module({
  imports: [TypeOrmModule.forFeature([SourceDocument, ClaimCandidate]), ClaimsModule],
  providers: [IngestionService],
  exports: [IngestionService],
})
export class IngestionModule {}
