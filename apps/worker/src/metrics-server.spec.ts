import { Metrics } from '@claimdesk/platform';
import { AddressInfo } from 'node:net';
import { serveWorkerMetrics } from './metrics-server';

describe('worker metrics server', () => {
  it('serves the registry at /metrics and nothing else', async () => {
    const metrics = Metrics.forProcess();
    metrics.jobDuration.observe({ job: 'review.event', outcome: 'completed' }, 0.02);
    const server = await serveWorkerMetrics(metrics, 0);
    const { port } = server.address() as AddressInfo;
    try {
      const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toMatch(
        /claimdesk_job_duration_seconds_count\{job="review.event",outcome="completed"\} [1-9]/,
      );
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
