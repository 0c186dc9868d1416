import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Who a sampled frame belongs to: an npm package, our code (dist/), Node's own JavaScript, or V8/native work. */
export function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)' || functionName === '(idle)') return functionName;
    return '(native: V8 builtins, I/O)';
  }
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.startsWith('node:')) return 'node (core JS)';
  if (url.includes('/dist/')) return 'claimdesk (ours)';
  return url;
}

export interface Share {
  name: string;
  ms: number;
  percent: number;
}

const runtime = new Set(['(native: V8 builtins, I/O)', 'node (core JS)']);

/**
 * Self time by owner and the top functions, as shares of the busy (non-idle) time of the last
 * `lastMs` of the profile (the load, not the start-up). `callers` puts Node's and V8's own work
 * (a socket write, a timer) on the package or code that asked for it.
 */
export function summariseCpuProfile(
  path: string,
  lastMs: number,
  top = 15,
): { owners: Share[]; callers: Share[]; functions: Share[]; busyMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const callerOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const owner = ownerOf(byId.get(at)!.callFrame);
      if (!runtime.has(owner)) return owner;
    }
    return ownerOf(byId.get(id)!.callFrame);
  };
  const from = profile.endTime - lastMs * 1000;
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const callers = new Map<string, number>();
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    busyUs += us;
    const owner = ownerOf(frame);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const caller = callerOf(id);
    callers.set(caller, (callers.get(caller) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} · ${owner}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const shares = (map: Map<string, number>) =>
    [...map]
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        percent: Math.round((1000 * us) / busyUs) / 10,
      }))
      .sort((a, b) => b.ms - a.ms);
  return {
    owners: shares(owners),
    callers: shares(callers),
    functions: shares(functions).slice(0, top),
    busyMs: Math.round(busyUs / 1000),
  };
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] }; node_count: number };
  nodes: number[];
  strings: string[];
}

/** Shallow size by constructor (the heap snapshot's "Summary" view), largest first. */
export function summariseHeapSnapshot(path: string, top = 20): { name: string; count: number; mb: number }[] {
  const heap = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const types = heap.snapshot.meta.node_types[0];
  const groups = new Map<string, { count: number; bytes: number }>();
  for (let offset = 0; offset < heap.nodes.length; offset += width) {
    const type = types[heap.nodes[offset + typeAt]];
    const name =
      type === 'object' || type === 'closure' ? heap.strings[heap.nodes[offset + nameAt]] : `(${type})`;
    const group = groups.get(name) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += heap.nodes[offset + sizeAt];
    groups.set(name, group);
  }
  return [...groups]
    .map(([name, { count, bytes }]) => ({ name, count, mb: Math.round(bytes / 1e5) / 10 }))
    .sort((a, b) => b.mb - a.mb)
    .slice(0, top);
}
