import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * An embedded FerretDB of the test's own (tools/ferretdb, built and cached by
 * scripts/build-ferretdb.sh), so a test can stop, kill and restart the database on the same
 * data, or run it without the write gate. Stopped by its pid.
 */
export class EmbeddedDb {
  readonly dir = mkdtempSync(join(tmpdir(), 'pact-embedded-db-'));
  private child?: ChildProcess;
  private output = '';
  port = 0;

  constructor(private readonly opts: { writeGate?: boolean } = {}) {}

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/pact`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts (or restarts, on the same data and port) and resolves once it accepts connections. */
  async start(): Promise<this> {
    const bin = execFileSync('bash', [join(ROOT, 'scripts', 'build-ferretdb.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    if (!this.port) this.port = await freePort();
    const args = ['-addr', `127.0.0.1:${this.port}`, '-dir', join(this.dir, 'data')];
    if (this.opts.writeGate === false) args.push('-write-gate=false');
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`embedded FerretDB not ready within 60 s:\n${this.output}`)), 60_000);
      const onData = (d: Buffer) => {
        this.output += d.toString();
        if (this.output.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`embedded FerretDB exited with ${code} during start-up:\n${this.output}`));
      });
    });
    return this;
  }

  /** Stops the process by its pid (SIGKILL: a crash; SIGTERM: a clean stop) and waits for its exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid!, signal);
    await exited;
  }

  /** Pauses the process (SIGSTOP): the database accepts connections and answers nothing. */
  freeze(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGSTOP');
  }

  thaw(): void {
    const child = this.child;
    if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
