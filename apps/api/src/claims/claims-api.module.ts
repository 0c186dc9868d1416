import { Module } from '@nestjs/common';
import { ClaimsModule } from '@claimdesk/claims';
import { ClaimsController } from './claims.controller';

@Module({ imports: [ClaimsModule], controllers: [ClaimsController] })
export class ClaimsApiModule {}
