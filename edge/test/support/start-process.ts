import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free loopback port, for servers that cannot listen on port 0 and report it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a command and resolves once its output matches `ready`; rejects with the output if it exits or times out. */
export function startProcess(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; ready: RegExp; timeoutMs: number },
) {
  return new Promise<{
    child: ChildProcess;
    match: RegExpMatchArray;
    stop(): Promise<void>;
    output(): string;
  }>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const stop = () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          r();
        }
      });
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${cmd} did not become ready in ${opts.timeoutMs} ms:\n${output}`));
    }, opts.timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(opts.ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, stop, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code}:\n${output}`));
    });
  });
}
