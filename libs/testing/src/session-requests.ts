import type { TestSession } from './sessions';
import type { TestApi, TestResponse } from './test-api';

/**
 * Requests sent as a test session (null: anonymously) that fail the test on any 5xx, and workflow
 * actions that must succeed. `api` is a getter because suites start their API in `beforeAll`.
 */
export function sessionRequests(api: () => TestApi) {
  async function send(
    session: TestSession | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const response = await api().request({
      method,
      url,
      as: 'anonymous',
      headers: { ...(session ? session.headers : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    expect(response.statusCode).toBeLessThan(500);
    return response;
  }

  /** Takes `action` on the claim and expects a 200 (the action and detail are shown when not). */
  async function act(session: TestSession, id: string, action: string, payload: unknown = {}) {
    const response = await send(session, 'POST', `/v1/claims/${id}/${action}`, payload);
    expect({ action, status: response.statusCode, detail: response.data?.detail }).toEqual({
      action,
      status: 200,
      detail: undefined,
    });
    return response.data;
  }

  return { send, act };
}
