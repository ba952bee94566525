// Where a project's output folder is: `--out` (relative to where panther runs), else flake.ts's
// outDir, else out/ in the project. Every command that reads or writes the output agrees on it.

import path from "node:path";
import type { Project } from "../compile/project.ts";
import type { Context } from "./context.ts";

export function resolveOutDir(ctx: Context, project: Project, out: string | undefined): string {
  return out ? path.resolve(ctx.io.cwd, out) : path.resolve(project.root, project.flake.outDir ?? "out");
}
