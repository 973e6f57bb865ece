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
