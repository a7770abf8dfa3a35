import { createServer, type Server, type Socket } from 'node:net';

/** A TCP listener that accepts and never answers: virsh waits on it for ever. */
export async function silentListener(): Promise<{ server: Server; port: number; closed: Promise<void> }> {
  let socketClosed!: () => void;
  const closed = new Promise<void>((resolve) => (socketClosed = resolve));
  const server = createServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.on('close', () => socketClosed());
    // Flowing, so the peer's end of the connection is seen.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, closed };
}
