// The peer of bench/load (docs/benchmarks.md): bpmn-engine 25.0.1 runs the benchmark's process
// intake → K parallel reviews → join → issue (every task a user task completed by a signal) in memory, or with its
// state serialised (execution.getState() → JSON.stringify) after every step.
//
//   node run.mjs --k 6 --concurrency 8 --seconds 2 [--persist]
//
// Prints one JSON object: completions, steps, seconds, completionsPerSecond, stepsPerSecond, step latency p50/p99 (ms),
// state bytes serialised per instance (persist mode), peak resident memory.
import BpmnModdle from 'bpmn-moddle';
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return pairs;
}, []));
const k = Number(args.k ?? 6);
const concurrency = Number(args.concurrency ?? 1);
const seconds = Number(args.seconds ?? 2);
const persist = args.persist === 'true';

/** The process as BPMN 2.0: start → intake → fork → review-1..K → join → issue → end. */
function processXml(width) {
  const reviews = Array.from({ length: width }, (_, i) => `review${i + 1}`);
  const flows = [
    ['start', 'intake'], ['intake', 'fork'],
    ...reviews.flatMap(r => [['fork', r], [r, 'join']]),
    ['join', 'issue'], ['issue', 'end'],
  ];
  const outgoing = id => flows.map((f, i) => f[0] === id ? `<outgoing>f${i}</outgoing>` : '').join('');
  const incoming = id => flows.map((f, i) => f[1] === id ? `<incoming>f${i}</incoming>` : '').join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench" targetNamespace="http://bench">
  <process id="permit" isExecutable="true">
    <startEvent id="start">${outgoing('start')}</startEvent>
    <userTask id="intake">${incoming('intake')}${outgoing('intake')}</userTask>
    <parallelGateway id="fork">${incoming('fork')}${outgoing('fork')}</parallelGateway>
    ${reviews.map(r => `<userTask id="${r}">${incoming(r)}${outgoing(r)}</userTask>`).join('\n    ')}
    <parallelGateway id="join">${incoming('join')}${outgoing('join')}</parallelGateway>
    <userTask id="issue">${incoming('issue')}${outgoing('issue')}</userTask>
    <endEvent id="end">${incoming('end')}</endEvent>
    ${flows.map((f, i) => `<sequenceFlow id="f${i}" sourceRef="${f[0]}" targetRef="${f[1]}" />`).join('\n    ')}
  </process>
</definitions>`;
}

// Parsed once, as our engine parses its definition once: each instance gets the parsed context.
const moddleContext = await new BpmnModdle().fromXML(processXml(k));
const latencies = [];
let stateBytes = 0;

/** One instance from start to end; every user task completed by a signal, state serialised after each when persisting. */
async function runInstance(n) {
  const waiting = [];
  let wake = null;
  let done = false;
  const listener = new EventEmitter();
  listener.on('activity.wait', api => { if (api.type === 'bpmn:UserTask') { waiting.push(api); wake?.(); } });
  const engine = new Engine({ name: `permit-${n}`, moddleContext });
  engine.once('end', () => { done = true; wake?.(); });
  await engine.execute({ listener });
  let steps = 0;
  while (!done) {
    if (waiting.length === 0) {
      await new Promise(resolve => { wake = resolve; });
      wake = null;
      continue;
    }
    const task = waiting.shift();
    const started = process.hrtime.bigint();
    task.signal();
    if (persist) stateBytes += JSON.stringify(await engine.getState()).length;
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    steps++;
    // Let the other instances of this run interleave, as concurrent requests would.
    await new Promise(resolve => setImmediate(resolve));
  }
  return steps;
}

const deadline = Date.now() + seconds * 1000;
let completions = 0;
let steps = 0;
let next = 0;
const started = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (Date.now() < deadline) {
    const s = await runInstance(next++); if (process.env.PEER_DEBUG) console.error("instance steps", s); steps += s;
    completions++;
  }
}));
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
latencies.sort((a, b) => a - b);
const percentile = p => latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(JSON.stringify({
  engine: 'bpmn-engine 25.0.1', node: process.version, k, concurrency, persist,
  completions, steps, seconds: elapsed,
  completionsPerSecond: completions / elapsed, stepsPerSecond: steps / elapsed,
  p50Ms: percentile(0.5), p99Ms: percentile(0.99),
  stateBytesPerInstance: completions === 0 ? 0 : stateBytes / completions,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
}));
