import { Logger } from '@nestjs/common';
import { dirname } from 'node:path';
import type { Socket } from 'node:net';

/**
 * A fix to the MongoDB Node.js driver (7.x, through Mongoose), applied once when persistence loads.
 *
 * The cause of "after the database restarts, the API never talks to it again" (issue 16): when a
 * database process dies, the kernel closes its connections cleanly (FIN). Node then ends and
 * destroys each client socket, and emits 'close' only in a later turn of the event loop. A
 * heartbeat the driver's server monitor sends in between (a failing command elsewhere asks the
 * monitor for an immediate check, which is exactly what happens at that moment) is written to a
 * destroyed socket: `socket.write` returns false and neither 'drain' nor 'error' ever follows, and
 * `Connection.writeCommand` waits for 'drain' for ever (its socket timeout cannot fire on a
 * destroyed socket either). The monitor's check then never ends, so it never checks again: the
 * server stays "Unknown" with the error of the moment of the kill, every command fails server
 * selection after MONGODB_SERVER_SELECTION_TIMEOUT_MS, and the process holds no connection to the
 * database — what the outside run saw, and what test/database-restarts.e2e-spec.ts reproduced
 * (the watchdog's log: "monitor …: check running, last ended 13401 ms ago", its connection closed).
 *
 * Returns whether the fix is in place. The fix: a command is not written to a socket already destroyed, and the wait for 'drain' also
 * ends when the socket closes; both fail the command as a network error, as any broken connection
 * does, so the monitor marks the server unknown and checks again. DatabaseWatchdog stays the last
 * line of defence for whatever else could cut a process off.
 */
export function applyDriverFixes(): boolean {
  let connectionModule: { Connection?: { prototype: DriverConnection } };
  let MongoNetworkError: new (message: string) => Error;
  try {
    // The driver Mongoose uses (the one this process's client is made of).
    const paths = [dirname(require.resolve('mongoose'))];
    // A runtime require on purpose: the module patched is the one the driver loaded, found from Mongoose.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    connectionModule = require(require.resolve('mongodb/lib/cmap/connection', { paths }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ MongoNetworkError } = require(require.resolve('mongodb', { paths })));
  } catch (err) {
    return unfixed(`the driver's connection module was not found (${(err as Error).message})`);
  }
  const proto = connectionModule.Connection?.prototype;
  if (proto?.writeCommand?.[FIXED]) return true;
  if (!proto || typeof proto.writeCommand !== 'function') return unfixed('Connection.prototype.writeCommand is not there');
  const writeCommand = proto.writeCommand;
  const fixed = async function (this: DriverConnection, ...args: unknown[]): Promise<unknown> {
    const socket = this.socket;
    const closedError = () => new MongoNetworkError(`connection ${this.id} to ${this.address} closed before the command was written`);
    if (socket.destroyed) throw closedError();
    let onClose: (() => void) | undefined;
    const closed = new Promise<never>((_, reject) => {
      onClose = () => reject(closedError());
      socket.once('close', onClose);
    });
    try {
      return await Promise.race([writeCommand.apply(this, args), closed]);
    } finally {
      socket.off('close', onClose!);
    }
  } as DriverConnection['writeCommand'];
  fixed[FIXED] = true;
  proto.writeCommand = fixed;
  return true;
}

/**
 * Another driver version than the one the fix was written for: said, so that whoever upgrades
 * it checks whether the race is fixed there (DatabaseWatchdog still rebuilds a cut-off client).
 */
function unfixed(why: string): false {
  new Logger('Database').warn(`driver fix for writes to closed connections not applied: ${why}`);
  return false;
}

const FIXED = Symbol('pact.driverFix');

interface DriverConnection {
  id: string | number;
  address: string;
  socket: Socket;
  writeCommand: ((...args: unknown[]) => Promise<unknown>) & { [FIXED]?: boolean };
}
