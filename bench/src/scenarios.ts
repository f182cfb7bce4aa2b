import type { LoadJob, ServerRef } from './load/jobs.js';
import { type SecureProtocol, authenticatedSession, secureEchoMessage } from './server/secure-protocol.js';
import type { TargetId } from './server/targets.js';

/** Durations of one harness run. */
export interface Timing {
  runs: number;
  warmupMs: number;
  windowMs: number;
  /** How long idle connections are held before memory is read. */
  settleMs: number;
  /**
   * How long each server of an echo scenario is left without traffic once it
   * listens, so V8 can shrink the young generation its start-up grew.
   */
  startIdleMs: number;
  idleConnections: number;
}

/** One server (or one way of using it) inside a scenario. */
export interface Variant {
  name: string;
  target: TargetId;
  /** The bare ws server every ratio is taken against. */
  baseline: boolean;
  job(server: ServerRef): LoadJob;
}

/** A measured situation, run `Timing.runs` times for each variant. */
export interface Scenario {
  id: string;
  kind: 'echo' | 'setup' | 'idle';
  title: string;
  /** Parameters in words, for the report. */
  parameters: string;
  variants: Variant[];
}

/** Facts about the machine and the apps that the plan depends on. */
export interface PlanContext {
  timing: Timing;
  python: boolean;
  secure: SecureProtocol;
  jwtSecret: string;
}

/** Name of the baseline variant in every scenario. */
export const BASELINE_VARIANT = 'bare ws';

const CLOSED_LOOP_IN_FLIGHT = 4;
const OPEN_LOOP_RATE = 5_000;
const SETUP_CONCURRENCY = 32;
const IDLE_CONCURRENCY = 200;

/** Builds every scenario of a run, or those whose id starts with one of `only`. */
export function planScenarios(context: PlanContext, only: readonly string[] = []): Scenario[] {
  const scenarios = [...echoScenarios(context), setupScenario(context), idleScenario(context)];
  return only.length === 0 ? scenarios : scenarios.filter((scenario) => only.some((prefix) => scenario.id.startsWith(prefix)));
}

function echoScenarios(context: PlanContext): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const connections of [1, 50, 500]) {
    for (const bytes of [32, 4096]) {
      scenarios.push(
        echoScenario(context, {
          id: `echo-c${connections}-${bytes}b`,
          title: `Echo, ${connections} connection${connections === 1 ? '' : 's'}, ${formatBytes(bytes)} messages, closed loop`,
          parameters: `${connections} connection${connections === 1 ? '' : 's'} × ${CLOSED_LOOP_IN_FLIGHT} messages in flight, ${formatBytes(bytes)} payload`,
          connections,
          bytes,
        }),
      );
    }
  }
  scenarios.push(
    echoScenario(context, {
      id: 'echo-open-c50-32b',
      title: `Echo, open loop at ${OPEN_LOOP_RATE.toLocaleString('en-US')} messages/s`,
      parameters: `50 connections, ${OPEN_LOOP_RATE} messages/s in total on a fixed schedule, 32 B payload; latency from the scheduled send time`,
      connections: 50,
      bytes: 32,
      ratePerSecond: OPEN_LOOP_RATE,
    }),
  );
  return scenarios;
}

interface EchoShape {
  id: string;
  title: string;
  parameters: string;
  connections: number;
  bytes: number;
  ratePerSecond?: number;
}

function echoScenario(context: PlanContext, shape: EchoShape): Scenario {
  const { timing } = context;
  const payload = 'x'.repeat(shape.bytes);
  const plain = (server: ServerRef): LoadJob => ({
    kind: 'echo',
    server,
    session: {},
    connections: shape.connections,
    inFlight: CLOSED_LOOP_IN_FLIGHT,
    ...(shape.ratePerSecond === undefined ? {} : { ratePerSecond: shape.ratePerSecond }),
    message: payload,
    reply: { exact: `Server received: ${payload}` },
    warmupMs: timing.warmupMs,
    windowMs: timing.windowMs,
  });
  const secureMessage = secureEchoMessage(context.secure, payload);
  const variants: Variant[] = [
    { name: BASELINE_VARIANT, target: 'ws-baseline', baseline: true, job: plain },
    { name: 'echo-server', target: 'echo-server', baseline: false, job: plain },
    {
      name: `secure-server (${context.secure.messages} protocol)`,
      target: 'secure-server',
      baseline: false,
      job: (server) => ({
        ...plain(server),
        session: authenticatedSession(context.secure, context.jwtSecret, 'upgrade'),
        message: secureMessage.message,
        reply: secureMessage.reply,
      }),
    },
  ];
  if (context.python) variants.push({ name: 'Python websockets', target: 'python-websockets', baseline: false, job: plain });
  return { id: shape.id, kind: 'echo', title: shape.title, parameters: shape.parameters, variants };
}

function setupScenario(context: PlanContext): Scenario {
  const { timing } = context;
  const job =
    (session: LoadJob['session']) =>
    (server: ServerRef): LoadJob => ({
      kind: 'setup',
      server,
      session,
      concurrency: SETUP_CONCURRENCY,
      warmupMs: timing.warmupMs,
      windowMs: timing.windowMs,
    });
  const variants: Variant[] = [
    { name: BASELINE_VARIANT, target: 'ws-baseline', baseline: true, job: job({}) },
    { name: 'echo-server', target: 'echo-server', baseline: false, job: job({}) },
    {
      name: `secure-server, JWT in the first message (${context.secure.messages})`,
      target: 'secure-server',
      baseline: false,
      job: job(authenticatedSession(context.secure, context.jwtSecret, 'first-message')),
    },
  ];
  if (context.secure.upgradeAuth) {
    variants.push({
      name: 'secure-server, JWT at the upgrade',
      target: 'secure-server',
      baseline: false,
      job: job(authenticatedSession(context.secure, context.jwtSecret, 'upgrade')),
    });
  }
  if (context.python) variants.push({ name: 'Python websockets', target: 'python-websockets', baseline: false, job: job({}) });
  return {
    id: 'setup',
    kind: 'setup',
    title: 'Connection setup rate',
    parameters: `${SETUP_CONCURRENCY} concurrent clients, each in a loop: upgrade, authenticate where the server requires it, close with 1000`,
    variants,
  };
}

function idleScenario(context: PlanContext): Scenario {
  const { timing } = context;
  const job =
    (session: LoadJob['session']) =>
    (server: ServerRef): LoadJob => ({
      kind: 'idle',
      server,
      session,
      connections: timing.idleConnections,
      concurrency: IDLE_CONCURRENCY,
      settleMs: timing.settleMs,
    });
  const variants: Variant[] = [
    { name: BASELINE_VARIANT, target: 'ws-baseline', baseline: true, job: job({}) },
    { name: 'echo-server', target: 'echo-server', baseline: false, job: job({}) },
    {
      name: 'secure-server (authenticated)',
      target: 'secure-server',
      baseline: false,
      job: job(authenticatedSession(context.secure, context.jwtSecret, 'upgrade')),
    },
  ];
  if (context.python) variants.push({ name: 'Python websockets', target: 'python-websockets', baseline: false, job: job({}) });
  return {
    id: `idle-${timing.idleConnections}`,
    kind: 'idle',
    title: `Idle connections: ${timing.idleConnections.toLocaleString('en-US')} held open`,
    parameters: `${timing.idleConnections} connections opened ${IDLE_CONCURRENCY} at a time, held ${timing.settleMs} ms without traffic; RSS read from /proc before and after`,
    variants,
  };
}

/** Formats a byte count as `32 B` or `4 KiB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}
