import { type RawWebSocket, clientFrame, openRawWebSocket } from '@proj/testkit';

/** One socket of a crowd: open after a 101, or refused with an HTTP status. */
export type CrowdMember = { readonly raw: RawWebSocket; readonly status: 101 } | { readonly raw?: undefined; readonly status: number };

/** Loopback address number `index` of a spread over 127.0.1.1 to 127.0.1.250, to act as many client addresses. */
export function spreadAddress(index: number, addresses = 40): string {
  return `127.0.1.${(index % addresses) + 1}`;
}

/**
 * Opens `count` raw WebSockets, `parallel` at a time, from addresses spread
 * by {@link spreadAddress}. A refused upgrade is kept with its status instead
 * of failing, so a test can check that caps returned 429 or 503.
 */
export async function openCrowd(port: number, count: number, options: { parallel?: number; firstMessage?: string } = {}): Promise<CrowdMember[]> {
  const members: CrowdMember[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      try {
        const raw = await openRawWebSocket(port, {}, { localAddress: spreadAddress(index) });
        if (options.firstMessage !== undefined) raw.socket.write(clientFrame({ opcode: 0x1, payload: options.firstMessage }));
        members.push({ raw, status: 101 });
      } catch (err) {
        const match = /HTTP\/1\.1 (\d{3})/.exec(String(err));
        if (!match) throw err;
        members.push({ status: Number(match[1]) });
      }
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 32 }, worker));
  return members;
}

/** Destroys every open socket of a crowd. */
export function dismissCrowd(members: readonly CrowdMember[]): void {
  for (const member of members) member.raw?.socket.destroy();
}
