/**
 * A loopback IMAP server that accepts any login and then refuses every command with `reply` as its text: what a
 * hostile or broken mail server could say, for the tests that keep remote text inert.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface RefusingImapServer {
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

export async function startRefusingImapServer(reply: string): Promise<RefusingImapServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.write('* OK ready\r\n');
    socket.on('data', (data: Buffer) => {
      for (const line of data.toString('latin1').split('\r\n')) {
        const tag = line.split(' ')[0];
        if (tag === undefined || tag === '') continue;
        if (/^\S+ LOGIN /i.test(line)) socket.write(`${tag} OK logged in\r\n`);
        else if (/^\S+ CAPABILITY/i.test(line)) socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK\r\n`);
        else socket.write(`${tag} NO ${reply}\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `imap://127.0.0.1:${port}/INBOX`,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
