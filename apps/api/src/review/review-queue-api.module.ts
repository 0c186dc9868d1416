import { Module } from '@nestjs/common';
import { NotesModule, ReviewQueueModule } from '@claimdesk/review';
import { NotesController } from './notes.controller';
import { ReviewQueueController } from './review-queue.controller';

/** Notes on claims and the review queue (the workflow actions have their own module). */
@Module({
  imports: [NotesModule, ReviewQueueModule],
  controllers: [NotesController, ReviewQueueController],
})
export class ReviewQueueApiModule {}
