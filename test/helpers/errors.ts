// The error a call throws, or a test failure if it throws nothing.

import type { PantherError } from "panther";

export function thrownBy(run: () => unknown): PantherError {
  try {
    run();
  } catch (e) {
    return e as PantherError;
  }
  throw new Error("expected an error");
}
