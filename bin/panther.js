#!/usr/bin/env node
// The `panther` command: registers tsx so Node loads panther's TypeScript sources (and the
// user's flake.ts and modules, with the same module instances), then runs the CLI.

import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
