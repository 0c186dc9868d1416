import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@claimdesk/platform';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApi } from '../../../apps/api/src/create-api';
import { headersFor, TestCaller } from './sessions';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  /**
   * Sends a request through the real Fastify stack (no socket) and parses a JSON body when there is one.
   * `as` picks the caller (default `admin`); `as: 'anonymous'` sends no credentials.
   */
  request(options: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

export type TestRequest = InjectOptions & { as?: TestCaller };

export interface TestResponse extends LightMyRequestResponse {
  body: string;
  /** The parsed JSON body; tests assert on arbitrary shapes. */
  data: any;
}

/** Boots the real API against the run's database and Redis (see test/global-setup.ts). */
export async function startTestApi(overrides: Partial<Record<string, string>> = {}): Promise<TestApi> {
  const config = loadConfig({ ...process.env, ...overrides });
  const app = await createApi(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const api: TestApi = {
    app,
    config,
    async request({ as = 'admin', ...options }) {
      const auth = as === 'anonymous' ? {} : await headersFor(api, as);
      const headers = { ...auth, ...(options.headers ?? {}) };
      const response = (await app.inject({ ...options, headers })) as TestResponse;
      const type = String(response.headers['content-type'] ?? '');
      response.data = /json/.test(type) && response.body ? JSON.parse(response.body) : undefined;
      return response;
    },
    close: () => app.close(),
  };
  return api;
}
