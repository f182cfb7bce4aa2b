/** Outcome of one WebSocket session in a browser page. */
export interface BrowserSessionResult {
  readonly opened: boolean;
  readonly protocol: string;
  readonly replies: string[];
  readonly closeCode: number | undefined;
  readonly timedOut: boolean;
}

/** Parameters of {@link browserSessionScript}. */
export interface BrowserSessionOptions {
  readonly url: string;
  readonly token: string;
  /** JSON messages to send one after another, each after the previous reply. */
  readonly messages: readonly Record<string, unknown>[];
}

// Runs inside the page, as plain JavaScript, so the test needs no DOM typings.
const SESSION_FUNCTION = `async ({ url, token, messages }) => new Promise((resolve) => {
  const replies = [];
  let opened = false;
  const socket = new WebSocket(url, ['proj.v1', 'proj.token.' + token]);
  const timer = setTimeout(() => resolve({ opened, protocol: socket.protocol, replies, closeCode: undefined, timedOut: true }), 8000);
  const sendNext = () => {
    const next = messages[replies.length];
    if (next === undefined) socket.close(1000);
    else socket.send(JSON.stringify(next));
  };
  socket.onopen = () => { opened = true; sendNext(); };
  socket.onmessage = (event) => { replies.push(String(event.data)); sendNext(); };
  socket.onclose = (event) => {
    clearTimeout(timer);
    resolve({ opened, protocol: socket.protocol, replies, closeCode: event.code, timedOut: false });
  };
})`;

/**
 * Builds the page script of a browser session: open a WebSocket with the
 * token as a subprotocol entry (browsers cannot set `Authorization`), send
 * the JSON messages and report what happened.
 */
export function browserSessionScript(options: BrowserSessionOptions): string {
  return `(${SESSION_FUNCTION})(${JSON.stringify(options)})`;
}
