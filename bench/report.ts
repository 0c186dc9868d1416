import { PairResult, SETTLE_ROUND_S } from './http-pairs';
import { ScaleRound, scaleMedians, SCALE_PATHS, scaleRatios } from './scale';
import { WebhookFigures } from './webhook-burst';

export interface Report {
  machine: string;
  startedAt: string;
  settings: {
    durationS: number;
    connections: number;
    pairs: number;
    small: number;
    large: number;
    /** Seconds each list path is measured at each size, and in how many alternating rounds. */
    scaleDurationS: number;
    scaleRounds: number;
  };
  /** Seconds the generator took, by claim count. */
  generated: Record<number, number>;
  pairs: PairResult[];
  ratios: Record<string, { median: number; min: number; max: number; p99Median: number }>;
  /** The list paths' runs, each size's in every round (its medians and ratios are derived in the report). */
  scaleRounds: ScaleRound[];
  webhooks: WebhookFigures | null;
  peakRssMb: Record<string, number | null>;
  load1AtEnd?: number;
}

/** The markdown that docs/performance.md quotes. */
export function formatReport(report: Report): string {
  const { settings } = report;
  const lines = [
    `claimdesk benchmark, ${report.startedAt}: ${report.machine}`,
    '',
    `### Against bare Fastify + pg (${settings.pairs} interleaved pairs × ${settings.durationS} s, ${settings.connections} connections)`,
    '',
    '| route | pair | load avg (1 min) | ours req/s | baseline req/s | ratio | ours p99 ms | baseline p99 ms | non-2xx ours/baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.pairs.map(
      (pair) =>
        `| ${pair.route} | ${pair.pair} | ${pair.load1} | ${pair.ours.requestsPerSecond} | ${pair.baseline.requestsPerSecond} | ${pair.ratio} | ${pair.ours.p99} | ${pair.baseline.p99} | ${pair.ours.non2xx}/${pair.baseline.non2xx} |`,
    ),
    '',
    '| route | median ratio (req/s) | spread | median p99 ratio |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(report.ratios).map(
      ([route, ratio]) => `| ${route} | ${ratio.median} | ${ratio.min}–${ratio.max} | ${ratio.p99Median} |`,
    ),
    '',
    ...report.pairs
      .filter((pair) => pair.warmUp)
      .map(
        (pair) =>
          `Warm-up of ${pair.route} (${SETTLE_ROUND_S} s rounds until the rate settles), req/s: ours ${pair.warmUp!.ours.join(', ')}; baseline ${pair.warmUp!.baseline.join(', ')}.`,
      ),
    '',
  ];
  const scale = scaleMedians(report.scaleRounds);
  const ratios = scaleRatios(report.scaleRounds);
  const sizes = Object.keys(scale).map(Number);
  if (sizes.length) {
    lines.push(
      `### List and search (4 connections × ${report.settings.scaleDurationS} s each, the sizes alternating path by path in ${report.settings.scaleRounds} rounds; medians; generator: ${Object.entries(
        report.generated,
      )
        .map(([size, seconds]) => `${size} claims in ${Math.round(seconds)} s`)
        .join(', ')})`,
      '',
      `| path | ${sizes.map((size) => `p50 / p99 ms at ${size}`).join(' | ')} | p99 ratio (median of rounds) | spread |`,
      `| --- | ${sizes.map(() => '---:').join(' | ')} | ---: | ---: |`,
      ...SCALE_PATHS.map(({ name }) => {
        const cells = sizes.map((size) => {
          const result = scale[size][name];
          return result
            ? `${result.p50} / ${result.p99}${result.non2xx ? ` (${result.non2xx} non-2xx)` : ''}`
            : '-';
        });
        const ratio = ratios[name];
        return `| ${name} | ${cells.join(' | ')} | ${ratio ? ratio.median : '-'} | ${ratio ? `${ratio.min}–${ratio.max}` : '-'} |`;
      }),
      '',
      `Load average (1 min) at each round's start: ${report.scaleRounds.map((round) => round.load1).join(', ')}.`,
      '',
    );
  }
  const hooks = report.webhooks;
  if (hooks) {
    lines.push(
      `### Webhooks (${hooks.endpoints} endpoints, local receiver verifying every signature)`,
      '',
      '| figure | value |',
      '| --- | ---: |',
      `| warm-up, not measured: ${hooks.warmUpEvents} events × ${hooks.endpoints} endpoints delivered in | ${hooks.warmUpSeconds} s |`,
      `| burst: ${hooks.burstEvents} events × ${hooks.endpoints} endpoints, commit of the events to the last receipt | ${hooks.burstSeconds} s |`,
      `| sustained deliveries/s in the burst | ${hooks.deliveriesPerSecond} |`,
      `| ${hooks.sustainedEventsPerSecond} events/s × ${hooks.endpoints}: commit-to-receipt p50 / p99 | ${hooks.p50Ms} / ${hooks.p99Ms} ms |`,
      `| bad signatures / out of order per (endpoint, claim) | ${hooks.badSignatures} / ${hooks.outOfOrder} |`,
      '',
    );
  }
  lines.push(
    `Peak RSS (VmHWM): ${Object.entries(report.peakRssMb)
      .map(([name, mb]) => `${name} ${mb ?? '?'} MB`)
      .join(', ')}. Load average at the end: ${report.load1AtEnd ?? '?'}.`,
  );
  return lines.join('\n');
}
