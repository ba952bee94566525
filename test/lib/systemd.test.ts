// Unit names from paths, compared with `systemd-escape --path` (systemd 252) and nixpkgs' utils.nix.

import { describe, expect, it } from "vitest";
import { escapeSystemdPath, escapeSystemdString } from "../../src/lib/systemd.ts";

describe("escapeSystemdPath", () => {
  it.each([
    ["/", "-"],
    ["/dev/mapper/cryptroot", "dev-mapper-cryptroot"],
    ["/dev/disk/by-partlabel/disk-main-root", "dev-disk-by\\x2dpartlabel-disk\\x2dmain\\x2droot"],
    ["/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_1TB_S5GXNF0R123456", "dev-disk-by\\x2did-nvme\\x2dSamsung_SSD_980_PRO_1TB_S5GXNF0R123456"],
    ["/.swapvol", "\\x2eswapvol"],
    ["/foo//bar/baz/", "foo-bar-baz"],
    ["/a b?c", "a\\x20b\\x3fc"],
    ["/../x", "x"],
  ])("%s → %s", (path, unit) => expect(escapeSystemdPath(path)).toBe(unit));

  it("refuses a path with an unresolvable ..", () => expect(() => escapeSystemdPath("/a/../b")).toThrow(/not a normalized path/));
});

describe("escapeSystemdString", () => {
  it("escapes an instance name as `systemd-escape` does", () => {
    expect(escapeSystemdString("crypt-root")).toBe("crypt\\x2droot");
    expect(escapeSystemdString("cryptroot")).toBe("cryptroot");
  });
});
