import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@claimdesk/platform';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApi } from '../../../apps/api/src/create-api';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Sends a request through the real Fastify stack (no socket) and parses a JSON body when there is one. */
  request(options: InjectOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

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
  return {
    app,
    config,
    async request(options) {
      const response = (await app.inject(options)) as TestResponse;
      const type = String(response.headers['content-type'] ?? '');
      response.data = /json/.test(type) && response.body ? JSON.parse(response.body) : undefined;
      return response;
    },
    close: () => app.close(),
  };
}
