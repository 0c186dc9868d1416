import { Client, ClientConfig } from 'pg';

/**
 * The pools' client. pg-pool takes its own 'error' listener off a client while it is checked out, so
 * a session PostgreSQL ends between two of the holder's queries (a restart, `pg_terminate_backend`)
 * raised an 'error' nobody listened for, and Node ended the process: it took a worker down in the
 * fault suite. This listener only keeps the process alive; the holder still gets the error on its
 * next query, and pg-pool drops the broken client when it comes back.
 */
export class GuardedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
