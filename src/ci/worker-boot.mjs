// Entry of a `panther ci` worker thread: Node 20 cannot load TypeScript, and loader hooks
// registered in the main thread do not reach workers, so each worker registers tsx itself.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
