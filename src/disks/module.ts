// A disk layout as a module defining `disko.devices`: one definition per disk and per partition,
// each located at the line that wrote it, so errors point at hosts/<host>/disks.ts:<line>.

import { captureCallerLocation, type SourceLocation } from "../core/location.ts";
import { withLocation, type Module } from "../core/module.ts";
import { lowerDiskShell, lowerNodev, lowerPartition, siteOf, type DiskLayoutProps } from "./layout.ts";

const devices = (value: unknown) => ({ disko: { devices: value } });

function located(module: object, where: SourceLocation | undefined): Module {
  return where ? withLocation(module, where) : module;
}

/**
 * The module of a host's disk layout (`export default diskLayout({ disks: { … } })` in
 * hosts/<host>/disks.ts). The flake needs the `disko` input; panther emits the layout to
 * hosts/<host>/disko.nix.
 */
export function diskLayout(props: DiskLayoutProps): Module {
  const where = captureCallerLocation();
  const imports: Module[] = [];
  for (const [name, disk] of Object.entries(props.disks)) {
    imports.push(located(devices({ disk: { [name]: lowerDiskShell(disk) } }), siteOf(disk) ?? where));
    for (const [partName, part] of Object.entries(disk.props.partitions)) {
      const value = { disk: { [name]: { content: { partitions: { [partName]: lowerPartition(part) } } } } };
      imports.push(located(devices(value), siteOf(part) ?? where));
    }
  }
  const nodev = lowerNodev(props);
  return located({ imports, ...(Object.keys(nodev).length > 0 ? devices({ nodev }) : {}) }, where);
}
