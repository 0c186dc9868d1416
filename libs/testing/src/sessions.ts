import { Role } from '@claimdesk/platform';
import type { TestApi } from './test-api';

/** Who a test request is sent as: a role (a user of that role is created once per TestApi) or nobody. */
export type TestCaller = Role | 'anonymous';

/**
 * Returns the headers that authenticate a request as `caller`.
 * Until the auth feature lands this sends no credentials; the auth feature fills it in.
 */
export async function headersFor(_api: TestApi, _caller: TestCaller): Promise<Record<string, string>> {
  return {};
}
