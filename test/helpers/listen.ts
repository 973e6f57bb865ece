import type { AddressInfo, Server } from 'node:net';

/** Listen on `host:port` (0: any free port), rejecting on a bind error; resolves with the port. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Counts connections across several test servers: how many now, the most at once, and how many in all. */
export interface ConnectionGauge {
  open: number;
  peak: number;
  total: number;
}

export function createGauge(): ConnectionGauge {
  return { open: 0, peak: 0, total: 0 };
}

/** Counts `socket` in every gauge until it closes. */
export function gaugeConnection(
  gauges: readonly ConnectionGauge[] | undefined,
  socket: import('node:net').Socket,
): void {
  for (const gauge of gauges ?? []) {
    gauge.total++;
    gauge.open++;
    gauge.peak = Math.max(gauge.peak, gauge.open);
    // The client's FIN ('end') is when its side let go of the socket; the server's own 'close' comes a little
    // later, so counting until then would add sockets the client had already closed.
    let counted = true;
    const release = (): void => {
      if (counted) gauge.open--;
      counted = false;
    };
    socket.once('end', release);
    socket.once('close', release);
  }
}
