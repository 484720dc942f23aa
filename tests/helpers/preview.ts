/** `npm start` for a test: the preview server on a free port, its output collected, resolved once it serves. */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../../scripts/bench/preview.ts";
import { ROOT } from "./cli.ts";

export interface Preview {
  server: ChildProcess;
  /** Its address, `http://localhost:<port>/`. */
  base: string;
  /** Everything it printed so far. */
  output(): string;
  /** Stops it as Ctrl-C does, and waits for it to exit. */
  stop(): Promise<void>;
}

/** `npm start -- <args>` run from `project` (a copy of this one, or this one), with `env` added. */
export async function startPreview(args: readonly string[], { project = ROOT, env = {} }: { project?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Preview> {
  let log = "";
  const server = spawn(process.execPath, [path.join(project, "scripts", "run.mjs"), "serve", ...args, "--port", String(await freePort())], {
    cwd: project,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  server.stdout.on("data", (c: Buffer) => (log += c.toString()));
  server.stderr.on("data", (c: Buffer) => (log += c.toString()));
  const stop = async () => {
    if (server.exitCode !== null) return;
    server.kill("SIGINT");
    await new Promise((resolve) => server.once("exit", resolve));
  };
  for (const deadline = Date.now() + 45_000; ; await sleep(100)) {
    const base = /Preview \(drafts included\) at (http:\/\/localhost:\d+\/)/.exec(log)?.[1];
    if (base) return { server, base, output: () => log, stop };
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      assert.fail(`the preview did not start:\n${log}`);
    }
  }
}

/**
 * Until `output` has not grown for a second: the server's rebuilds are over (a rebuild waits 0.3 s
 * after an early page, scripts/serve.ts). Fails once `alive` says the server stopped, or after 45 s.
 */
export async function quiet(output: () => string, alive: () => boolean): Promise<void> {
  let [seen, since] = [-1, Date.now()];
  for (const deadline = Date.now() + 45_000; ; await sleep(100)) {
    assert.ok(alive(), `the server stopped while waiting for it to go quiet:\n${output()}`);
    if (output().length !== seen) [seen, since] = [output().length, Date.now()];
    if (Date.now() - since >= 1000) return;
    assert.ok(Date.now() < deadline, `the server did not go quiet:\n${output()}`);
  }
}

/**
 * Polls (bounded) until `ready` gives a value other than undefined or false (a throw counts as
 * not yet), and returns it: a slow machine waits, a broken preview fails with its output.
 */
export async function until<T>(preview: Preview, what: string, ready: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 45_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
    const value = await Promise.resolve().then(ready).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    assert.ok(preview.server.exitCode === null && Date.now() < deadline, `timed out waiting for ${what}; server output:\n${preview.output()}`);
  }
}
