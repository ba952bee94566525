// A `panther ci` worker thread: loads the project once, then compiles the hosts it is sent, one
// at a time, and posts each result back (files, option count, warnings, or the error).

import { parentPort, workerData } from "node:worker_threads";
import { loadProject } from "../cli/project.ts";
import { compileHost } from "../compile/index.ts";
import type { Project } from "../compile/project.ts";
import { serializeError, type FromWorker, type ToWorker, type WorkerInput, type WorkerHostResult } from "./messages.ts";

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

function compile(project: Project, host: string): WorkerHostResult {
  const start = performance.now();
  try {
    const build = compileHost(project, host);
    return { host, ok: true, files: build.files, optionCount: build.optionCount, warnings: build.warnings, ms: Math.round(performance.now() - start) };
  } catch (error) {
    return { host, ok: false, files: [], optionCount: 0, warnings: [], ms: Math.round(performance.now() - start), error: serializeError(error) };
  }
}

try {
  const project = await loadProject((workerData as WorkerInput).root);
  port.on("message", (message: ToWorker) => {
    if (message.type === "exit") port.close();
    else post({ type: "result", result: compile(project, message.host) });
  });
  post({ type: "ready" });
} catch (error) {
  post({ type: "load-failed", error: serializeError(error) });
}
