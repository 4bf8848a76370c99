// The peer of bench/load (docs/benchmarks.md): bpmn-engine 25.0.1 runs the benchmark's process
// intake → K parallel reviews → join → issue (every task a user task completed by a signal) in memory, or with its
// state serialised (execution.getState() → JSON.stringify) after every step.
//
//   node run.mjs --k 6 --concurrency 8 --seconds 2 [--persist]
//   node run.mjs --serve
//
// Prints one JSON object: completions, steps, seconds, completionsPerSecond, stepsPerSecond, step latency p50/p99 (ms),
// state bytes serialised per instance (persist mode), peak resident memory. With --serve it stays up and answers every
// line of stdin ({"k":6,"concurrency":8,"seconds":0.5,"persist":false}) with such an object on one line, until stdin
// ends: bench/load starts it once and warms it up before the first measured window, so the measurements count neither
// Node's start nor the JIT's warm-up (issue #16: 0.5 s rounds of fresh processes measured a third of the warm rate).
import BpmnModdle from 'bpmn-moddle';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { Engine } from 'bpmn-engine';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return pairs;
}, []));

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

// Parsed once per width, as our engine parses its definition once: each instance gets the parsed context.
const contexts = new Map();
async function moddleContextOf(width) {
  if (!contexts.has(width)) contexts.set(width, await new BpmnModdle().fromXML(processXml(width)));
  return contexts.get(width);
}

/** One measurement: `concurrency` instances at once, new ones started until `seconds` have passed. */
async function measure({ k = 6, concurrency = 1, seconds = 2, persist = false }) {
  const moddleContext = await moddleContextOf(k);
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
      // Awaited first: `steps += await …` would read `steps` before the await and lose the other workers' additions.
      const done = await runInstance(next++);
      steps += done;
      completions++;
    }
  }));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const percentile = p => latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    engine: 'bpmn-engine 25.0.1', node: process.version, k, concurrency, persist,
    completions, steps, seconds: elapsed,
    completionsPerSecond: completions / elapsed, stepsPerSecond: steps / elapsed,
    p50Ms: percentile(0.5), p99Ms: percentile(0.99),
    stateBytesPerInstance: completions === 0 ? 0 : stateBytes / completions,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

if (args.serve === 'true') {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    console.log(JSON.stringify(await measure(JSON.parse(line))));
  }
} else {
  console.log(JSON.stringify(await measure({
    k: Number(args.k ?? 6), concurrency: Number(args.concurrency ?? 1), seconds: Number(args.seconds ?? 2), persist: args.persist === 'true',
  })));
}
