import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { httpDrain } from './http-drain';

/** A real server on loopback whose one route answers when the test says so. */
async function slowServer(): Promise<{ drain: () => Promise<void>; port: number; release: () => void }> {
  let release!: () => void;
  const answered = new Promise<void>((r) => (release = r));
  const server = createServer();
  const drain = httpDrain(server);
  server.on('request', (req, res) => {
    if (req.url === '/slow') void answered.then(() => res.end('done'));
    else res.end('quick');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { drain, port: (server.address() as AddressInfo).port, release };
}

describe('httpDrain', () => {
  it('refuses new connections, answers the request in flight with Connection: close, and resolves once it is answered', async () => {
    const { drain: drainNow, port, release } = await slowServer();
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    let drained = false;
    const drain = drainNow().then(() => (drained = true));
    await expect(fetch(`http://127.0.0.1:${port}/quick`)).rejects.toThrow();
    expect(drained).toBe(false);
    release();
    const res = await inFlight;
    expect(await res.text()).toBe('done');
    expect(res.headers.get('connection')).toBe('close');
    await drain;
    expect(drained).toBe(true);
  });

  it('does not wait for idle keep-alive connections', async () => {
    const { drain, port } = await slowServer();
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /quick HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => socket.once('data', r));
    const closed = new Promise((r) => socket.once('close', r));
    await drain();
    await closed;
  });

  it('resolves at once for a server that is not listening', async () => {
    await expect(httpDrain(createServer())()).resolves.toBeUndefined();
  });
});
