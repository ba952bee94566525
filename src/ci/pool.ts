// Compiling hosts in parallel on worker threads: min(hosts, CPUs) workers, each loading the
// project once and taking the next host from a shared queue until none is left.

import os from "node:os";
import { Worker } from "node:worker_threads";
import type { FromWorker, SerializedError, ToWorker, WorkerHostResult, WorkerInput } from "./messages.ts";

export interface PoolOptions {
  readonly root: string;
  /** Hosts in the order results are returned. */
  readonly hosts: readonly string[];
  /** Worker count; default min(hosts, os.availableParallelism()). */
  readonly size?: number;
  /** Called as each host starts and finishes (for progress). */
  readonly onStart?: (host: string) => void;
  readonly onResult?: (result: WorkerHostResult) => void;
}

export interface PoolResult {
  /** One per host, in the order of `hosts`. */
  readonly results: WorkerHostResult[];
  readonly workers: number;
}

const bootFile = new URL("./worker-boot.mjs", import.meta.url);

export function poolSize(hosts: number, requested?: number): number {
  return Math.max(1, Math.min(hosts, requested ?? os.availableParallelism()));
}

export async function compileInWorkers(options: PoolOptions): Promise<PoolResult> {
  const queue = [...options.hosts];
  const results = new Map<string, WorkerHostResult>();
  const size = poolSize(options.hosts.length, options.size);
  if (options.hosts.length === 0) return { results: [], workers: 0 };
  await Promise.all(Array.from({ length: size }, () => runWorker(options, queue, results)));
  return { results: options.hosts.map((h) => results.get(h)!), workers: size };
}

/** One worker's life: start, load the project, compile hosts from the queue, exit. */
function runWorker(options: PoolOptions, queue: string[], results: Map<string, WorkerHostResult>): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(bootFile, { workerData: { root: options.root } satisfies WorkerInput, stdout: false, stderr: false });
    let current: string | undefined;
    let settled = false;
    const send = (message: ToWorker) => worker.postMessage(message);
    const finish = () => {
      if (settled) return;
      settled = true;
      void worker.terminate().then(() => resolve());
    };
    const next = () => {
      current = queue.shift();
      if (current === undefined) {
        send({ type: "exit" });
        finish();
        return;
      }
      options.onStart?.(current);
      send({ type: "compile", host: current });
    };
    /** The worker cannot go on: its current host, and all hosts still queued, fail with `error`. */
    const fail = (error: SerializedError) => {
      const hosts = current === undefined ? queue.splice(0) : [current, ...queue.splice(0)];
      for (const host of hosts) {
        const result: WorkerHostResult = { host, ok: false, files: [], optionCount: 0, warnings: [], ms: 0, error };
        results.set(host, result);
        options.onResult?.(result);
      }
      current = undefined;
      finish();
    };
    worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") next();
      else if (message.type === "load-failed") fail(message.error);
      else {
        results.set(message.result.host, message.result);
        options.onResult?.(message.result);
        next();
      }
    });
    worker.on("error", (error) => fail({ kind: "internal", code: "internal-error", message: error.message, stack: error.stack, locations: [] }));
    worker.on("exit", (code) => {
      if (!settled) fail({ kind: "internal", code: "internal-error", message: `a worker thread stopped (exit code ${code})`, locations: [] });
    });
  });
}
