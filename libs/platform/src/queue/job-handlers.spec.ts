import { assertJobHandlers, jobHandlerProblems, JobHandlerError } from './job-handlers';
import { JOB_NAMES } from './job-registry';

describe('job handler check', () => {
  const names = ['review.event', 'webhooks.event'];

  it('passes when every job has exactly one handler', () => {
    const found = [
      { name: 'review.event', owner: 'ReviewEventHandler.handle' },
      { name: 'webhooks.event', owner: 'WebhookEventHandler.handle' },
    ];
    expect(jobHandlerProblems(found, names)).toEqual([]);
    expect(() => assertJobHandlers(found, names)).not.toThrow();
  });

  it('names a job without a handler', () => {
    const found = [{ name: 'review.event', owner: 'ReviewEventHandler.handle' }];
    expect(jobHandlerProblems(found, names)).toEqual(['no handler for job "webhooks.event"']);
    expect(() => assertJobHandlers(found, names)).toThrow(JobHandlerError);
  });

  it('names both owners of a job handled twice', () => {
    const found = [
      { name: 'review.event', owner: 'A.handle' },
      { name: 'review.event', owner: 'B.handle' },
      { name: 'webhooks.event', owner: 'C.handle' },
    ];
    expect(jobHandlerProblems(found, names)).toEqual([
      '2 handlers for job "review.event": A.handle, B.handle',
    ]);
  });

  it('names a handler for a job that does not exist', () => {
    const found = [
      { name: 'review.event', owner: 'A.handle' },
      { name: 'webhooks.event', owner: 'C.handle' },
      { name: 'review.evnet', owner: 'D.handle' },
    ];
    expect(() => assertJobHandlers(found, names)).toThrow('D.handle handles unknown job "review.evnet"');
  });

  it('checks the real registry by default', () => {
    expect(jobHandlerProblems([])).toEqual(JOB_NAMES.map((name) => `no handler for job "${name}"`));
  });
});
