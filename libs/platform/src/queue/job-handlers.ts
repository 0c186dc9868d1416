import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JOB_NAMES, JobName, JobPayloads } from './job-registry';

export const JOB_HANDLER = 'claimdesk:job-handler';

export type JobHandlerFn<N extends JobName> = (
  payload: JobPayloads[N],
  job: Job<JobPayloads[N]>,
) => Promise<unknown>;

/**
 * Marks a provider method as the handler of one job name. The method's parameter must accept
 * exactly that job's payload type, so a handler cannot silently read fields its job never carries.
 */
export function OnJob<N extends JobName>(name: N) {
  return <F extends JobHandlerFn<N>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): TypedPropertyDescriptor<F> => {
    SetMetadata(JOB_HANDLER, name)(target, key, descriptor);
    return descriptor;
  };
}

/** A handler found at start-up, named after where it lives so a problem can say where to look. */
export interface FoundJobHandler {
  name: string;
  owner: string;
}

export class JobHandlerError extends Error {}

/**
 * The problems with the handlers found: job names with no handler, with more than one, and
 * handlers for names that are not jobs. Empty when every job name has exactly one handler.
 */
export function jobHandlerProblems(
  found: readonly FoundJobHandler[],
  names: readonly string[] = JOB_NAMES,
): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const owners = found.filter((handler) => handler.name === name).map((handler) => handler.owner);
    if (owners.length === 0) problems.push(`no handler for job "${name}"`);
    if (owners.length > 1) problems.push(`${owners.length} handlers for job "${name}": ${owners.join(', ')}`);
  }
  for (const handler of found) {
    if (!names.includes(handler.name))
      problems.push(`${handler.owner} handles unknown job "${handler.name}"`);
  }
  return problems;
}

/** Throws (so the worker refuses to start) unless every job name has exactly one handler. */
export function assertJobHandlers(
  found: readonly FoundJobHandler[],
  names: readonly string[] = JOB_NAMES,
): void {
  const problems = jobHandlerProblems(found, names);
  if (problems.length) throw new JobHandlerError(`Job handlers are wrong: ${problems.join('; ')}`);
}
