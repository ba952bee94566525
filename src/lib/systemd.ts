// systemd unit names from paths and strings, as nixpkgs `utils.escapeSystemdPath` computes them
// (nixos/lib/utils.nix), which follows systemd.unit(5) and `systemd-escape --path`.

/** Characters `utils.escapeSystemdPath` turns into C-style `\xNN` escapes ("/" becomes "-"). */
const escaped = new Set(" !\"#$%&'()*+,;<=>?@[\\]^`{|}~-");

function escapeChar(c: string): string {
  return escaped.has(c) ? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}` : c;
}

/**
 * `utils.escapeSystemdString`: "/" becomes "-", the characters above and a leading "." become
 * `\xNN`. Unit instance names such as `systemd-cryptsetup@<name>.service` use it.
 */
export function escapeSystemdString(text: string): string {
  const body = [...text].map(escapeChar).join("");
  return (body.startsWith(".") ? `\\x2e${body.slice(1)}` : body).replaceAll("/", "-");
}

/**
 * `utils.escapeSystemdPath`: the unit name of a path without its suffix, e.g. "/dev/mapper/crypt"
 * → "dev-mapper-crypt", "/" → "-". Leading, trailing and duplicate slashes and "." components are
 * dropped first; a path with ".." that cannot be dropped is not normalized and throws, as in Nix.
 */
export function escapeSystemdPath(path: string): string {
  const absolute = path.startsWith("/");
  const components: string[] = [];
  for (const component of path.split("/")) {
    if (component === "" || component === ".") continue;
    // A leading ".." of an absolute path is the root's parent, the root itself; any other is unresolvable.
    if (component === "..") {
      if (absolute && components.length === 0) continue;
      throw new Error(`escapeSystemdPath: ${path} is not a normalized path`);
    }
    components.push(component);
  }
  if (components.length === 0 && !absolute && path !== "") throw new Error(`escapeSystemdPath: ${path} is not a normalized path`);
  return escapeSystemdString(components.length ? components.join("/") : "/");
}
