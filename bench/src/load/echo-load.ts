import type WebSocket from 'ws';
import { closeAll, mintTokens, openMany, sleep } from './clients.js';
import type { EchoJob, EchoResult } from './jobs.js';
import { LatencyRecorder } from './latency.js';
import { markUsage, usageBetween } from './server-usage.js';

/** Outstanding messages a connection may have in the open loop before sends are skipped. */
const OPEN_LOOP_MAX_OUTSTANDING = 4_096;

/** Shared state of one echo run, updated by every connection's message listener. */
interface EchoState {
  measuring: boolean;
  stopping: boolean;
  messages: number;
  badReplies: number;
  lostConnections: number;
  firstFailure: string | undefined;
  latency: LatencyRecorder;
}

/** Per-connection FIFO of send times; replies come back in send order. */
class SendTimes {
  readonly #times: Float64Array;
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#times = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  get full(): boolean {
    return this.#size === this.#times.length;
  }

  push(time: number): void {
    this.#times[(this.#head + this.#size) % this.#times.length] = time;
    this.#size += 1;
  }

  shift(): number | undefined {
    if (this.#size === 0) return undefined;
    const time = this.#times[this.#head];
    this.#head = (this.#head + 1) % this.#times.length;
    this.#size -= 1;
    return time;
  }
}

/**
 * Runs echo traffic, then measures for `windowMs` after `warmupMs`. Latency is
 * taken from the send time in the closed loop and from the scheduled send time
 * in the open loop, so a stalled server cannot hide its delay.
 */
export async function runEcho(job: EchoJob): Promise<EchoResult> {
  const tokens = mintTokens(job.session, job.connections);
  const opened = await openMany(job.server.url, job.session, {
    count: job.connections,
    concurrency: 100,
    tokens,
    deadline: Date.now() + 60_000,
  });
  if (opened.failures > 0) {
    await closeAll(opened.sockets);
    throw new Error(`${opened.failures} of ${job.connections} connections failed: ${opened.firstFailure}`);
  }
  const state: EchoState = {
    measuring: false,
    stopping: false,
    messages: 0,
    badReplies: 0,
    lostConnections: 0,
    firstFailure: undefined,
    latency: new LatencyRecorder(),
  };
  const payload = Buffer.from(job.message, 'utf8');
  const openLoop = job.ratePerSecond !== undefined;
  const queues = opened.sockets.map((socket) =>
    attachConnection(socket, job, state, payload, openLoop ? OPEN_LOOP_MAX_OUTSTANDING : job.inFlight),
  );
  let skippedSends = 0;
  let ticker: NodeJS.Timeout | undefined;
  if (job.ratePerSecond === undefined) {
    for (const connection of queues) {
      for (let i = 0; i < job.inFlight; i += 1) connection.send(performance.now());
    }
  } else {
    const rate = job.ratePerSecond;
    const start = performance.now();
    let scheduled = 0;
    ticker = setInterval(() => {
      const due = Math.floor(((performance.now() - start) * rate) / 1000);
      for (; scheduled < due && !state.stopping; scheduled += 1) {
        const connection = queues[scheduled % queues.length];
        if (connection === undefined || !connection.send(start + (scheduled * 1000) / rate)) skippedSends += 1;
      }
    }, 1);
  }

  await sleep(job.warmupMs);
  const begin = markUsage(job.server);
  state.latency.reset();
  state.messages = 0;
  state.badReplies = 0;
  skippedSends = 0;
  state.measuring = true;
  await sleep(job.windowMs);
  const end = markUsage(job.server);
  state.measuring = false;
  state.stopping = true;
  clearInterval(ticker);
  const usage = usageBetween(job.server, begin, end);
  const messages = state.messages;

  // Let in-flight replies arrive so the close handshakes are clean.
  const drainDeadline = Date.now() + 2_000;
  while (queues.some((queue) => queue.outstanding > 0) && Date.now() < drainDeadline) await sleep(20);
  await closeAll(opened.sockets);

  return {
    kind: 'echo',
    messages,
    windowMs: end.at - begin.at,
    latencyUs: state.latency.summary(),
    server: usage.server,
    clientCpuPercent: usage.clientCpuPercent,
    skippedSends,
    badReplies: state.badReplies,
    lostConnections: state.lostConnections,
    firstFailure: state.firstFailure,
  };
}

/** Sends one message stamped with its (scheduled) send time; false when the queue is full or the socket closed. */
interface EchoConnection {
  send(stamp: number): boolean;
  readonly outstanding: number;
}

function attachConnection(socket: WebSocket, job: EchoJob, state: EchoState, payload: Buffer, capacity: number): EchoConnection {
  const sendTimes = new SendTimes(capacity);
  const expected = job.reply.exact;
  const expectedBytes = expected === undefined ? undefined : Buffer.byteLength(expected);
  let checkedFirst = false;
  let open = true;
  const connection: EchoConnection = {
    send(stamp) {
      if (!open || sendTimes.full) return false;
      sendTimes.push(stamp);
      socket.send(payload, { binary: false });
      return true;
    },
    get outstanding() {
      return open ? sendTimes.size : 0;
    },
  };

  socket.on('message', (data: Buffer) => {
    const sentAt = sendTimes.shift();
    if (sentAt === undefined) {
      state.badReplies += 1;
      return;
    }
    if (state.measuring) {
      state.latency.record(performance.now() - sentAt);
      state.messages += 1;
    }
    if (!checkedFirst) {
      checkedFirst = true;
      if (!matchesFirstReply(String(data), job)) {
        state.badReplies += 1;
        state.firstFailure ??= `unexpected reply ${JSON.stringify(String(data).slice(0, 80))}`;
      }
    } else if (expectedBytes !== undefined && data.length !== expectedBytes) {
      state.badReplies += 1;
    }
    if (job.ratePerSecond === undefined && !state.stopping) connection.send(performance.now());
  });
  socket.on('close', (code: number) => {
    open = false;
    if (!state.stopping) {
      state.lostConnections += 1;
      state.firstFailure ??= `connection closed by the server with code ${code}`;
    }
  });
  return connection;
}

function matchesFirstReply(text: string, job: EchoJob): boolean {
  if (job.reply.exact !== undefined) return text === job.reply.exact;
  if (job.reply.contains !== undefined) return text.includes(job.reply.contains);
  return true;
}
