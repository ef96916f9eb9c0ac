import { createServer, connect, Server, Socket } from 'node:net';
import { applyDriverFixes } from './driver-fixes';

// The driver's own classes, as Mongoose loads them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Connection } = require('mongodb/lib/cmap/connection');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OpMsgRequest } = require('mongodb/lib/cmap/commands');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MongoNetworkError } = require('mongodb');

/** A driver connection over `socket`, enough for writeCommand (no handshake). */
function connectionOver(socket: Socket) {
  return Object.assign(Object.create(Connection.prototype), { id: '<monitor>', address: 'db:27017', socket, description: {} });
}

const hello = () => new OpMsgRequest('admin', { hello: 1 }, {});

/** A database that accepts and then dies (the kernel closes the connection cleanly: FIN). */
async function dyingPeer(): Promise<{ server: Server; socket: Socket; ended: Promise<void> }> {
  const server = createServer((c) => setTimeout(() => c.destroy(), 20));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
  socket.on('error', () => undefined);
  const ended = new Promise<void>((r) => socket.once('end', () => r()));
  return { server, socket, ended };
}

async function settledWithin<T>(p: Promise<T>, ms: number): Promise<{ settled: boolean; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p.then(
        () => ({ settled: true }),
        (error) => ({ settled: true, error }),
      ),
      new Promise<{ settled: boolean }>((r) => (timer = setTimeout(() => r({ settled: false }), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The driver's own writeCommand, before the fix (the fix may have been applied on import by another module). */
const original = Connection.prototype.writeCommand;

describe('driver fixes: a command is never written to a connection the database closed', () => {
  beforeAll(() => applyDriverFixes());

  it('is applied to the driver Mongoose uses, once', () => {
    const fixed = Connection.prototype.writeCommand;
    expect(fixed).not.toBe(original);
    expect(applyDriverFixes()).toBe(true);
    expect(Connection.prototype.writeCommand).toBe(fixed);
  });

  it('in the window between the peer closing and "close" (the monitor\'s heartbeat then), the write fails as a network error instead of waiting for ever', async () => {
    const { server, socket, ended } = await dyingPeer();
    await ended;
    // Node destroys the socket after 'end' and emits 'close' a turn later: the window.
    await new Promise((r) => setImmediate(r));
    expect(socket.destroyed).toBe(true);
    const outcome = await settledWithin(connectionOver(socket).writeCommand(hello(), { agreedCompressor: 'none' }), 2000);
    expect(outcome.settled).toBe(true);
    expect(outcome.error).toBeInstanceOf(MongoNetworkError);
    server.close();
  });

  it('a write waiting for "drain" ends when the socket closes without an error', async () => {
    // A peer that reads nothing: a large command fills the buffers and waits for 'drain'.
    const peers: Socket[] = [];
    const server = createServer((c) => peers.push(c.pause()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const big = new OpMsgRequest('pact', { insert: 'x', documents: [{ blob: 'x'.repeat(8 * 1024 * 1024) }] }, {});
    const writing = connectionOver(socket).writeCommand(big, { agreedCompressor: 'none' });
    setTimeout(() => socket.destroy(), 100);
    const outcome = await settledWithin(writing, 2000);
    expect(outcome.settled).toBe(true);
    expect(outcome.error).toBeInstanceOf(MongoNetworkError);
    peers.forEach((c) => c.destroy());
    server.close();
  });
});
