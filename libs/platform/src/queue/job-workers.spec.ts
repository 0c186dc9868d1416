import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { TransactionService } from '../database/transaction.service';
import { loadConfig } from '../config/app-config';
import { EventJobPayload } from './job-registry';
import { JobHandlerError, OnJob } from './job-handlers';
import { JobWorkersModule } from './job-workers.module';

@Injectable()
class FirstHandler {
  @OnJob('review.event')
  async handle(_payload: EventJobPayload): Promise<void> {}
}

@Injectable()
class SecondHandler {
  @OnJob('review.event')
  async handle(_payload: EventJobPayload): Promise<void> {}
}

/** Start-up is refused before any job runs, so the database is never reached here. */
@Global()
@Module({ providers: [{ provide: TransactionService, useValue: {} }], exports: [TransactionService] })
class NoDatabaseModule {}

async function boot(providers: (typeof FirstHandler)[]) {
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadConfig({})), NoDatabaseModule, JobWorkersModule],
    providers,
  }).compile();
  try {
    await module.init();
  } finally {
    await module.close();
  }
}

// Starting with the right handlers opens Redis connections; test/outbox.e2e-spec.ts covers that path.
describe('worker start-up', () => {
  it('refuses to start when a job has no handler', async () => {
    // Other jobs lack a handler here too; the message lists each of them.
    await expect(boot([])).rejects.toThrow(JobHandlerError);
    await expect(boot([])).rejects.toThrow('no handler for job "review.event"');
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(boot([FirstHandler, SecondHandler])).rejects.toThrow(
      '2 handlers for job "review.event": FirstHandler.handle, SecondHandler.handle',
    );
  });
});
