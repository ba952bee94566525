// Custom option types known by their fixed description (pkgs.formats values, systemd unit
// options, module-local types), each mapped to a precise TypeSpec of the values it accepts.

import type { DescriptionClass, OptionTree, TypeSpec } from "./type-spec.ts";

// Each definition below follows the nixpkgs/home-manager source that sets the description
// (file named in the comment); `cls` is the descriptionClass it inherits or sets, which
// decides its parentheses inside other descriptions.

function named(name: string, cls: DescriptionClass, of: TypeSpec): TypeSpec {
  return cls === null ? { type: "named", name, of } : { type: "named", name, cls, of };
}

function oneOf(...types: TypeSpec[]): TypeSpec {
  return { type: "oneOf", types };
}

function nullOr(elem: TypeSpec): TypeSpec {
  return { type: "nullOr", elem };
}

function either(left: TypeSpec, right: TypeSpec): TypeSpec {
  return { type: "either", left, right };
}

function listOf(elem: TypeSpec): TypeSpec {
  return { type: "listOf", elem };
}

function attrsOf(elem: TypeSpec): TypeSpec {
  return { type: "attrsOf", elem };
}

/** `valueType = nullOr (oneOf [ ...atoms (attrsOf valueType) (listOf valueType) ])` */
function recursiveValue(atoms: TypeSpec[], nullable: boolean): TypeSpec {
  const body = oneOf(...atoms, attrsOf("self"), listOf("self"));
  return { type: "recursive", body: nullable ? nullOr(body) : body };
}

/** An attribute set tagged by `key` = `value` (formats' raw/special values), other keys free. */
function taggedAttrs(key: string, value: TypeSpec): TypeSpec {
  const options: OptionTree = { [key]: { o: { t: value } } };
  return { type: "submodule", freeform: attrsOf("anything"), options };
}

const JSON_ATOMS: TypeSpec[] = ["bool", "int", "float", "str", "path"];

/** pkgs.formats ini/keyValue atoms (pkgs/pkgs-lib/formats.nix). */
const INI_ATOM_NAME = "INI atom (null, bool, int, float or string)";
const KV_ATOM_NAME = "atom (null, bool, int, float or string)";
const singleAtom = (): TypeSpec => nullOr(oneOf("bool", "int", "float", "str"));
const iniAtom = (): TypeSpec => named(INI_ATOM_NAME, "conjunction", singleAtom());
const kvAtom = (): TypeSpec => named(KV_ATOM_NAME, "conjunction", singleAtom());

/** The three ini atom variants: single, lists as duplicate keys, non-empty lists (listToValue). */
const INI_ATOMS: ReadonlyArray<readonly [string, () => TypeSpec]> = [
  [INI_ATOM_NAME, iniAtom],
  [
    `${INI_ATOM_NAME} or a list of them for duplicate keys`,
    () => named(`${INI_ATOM_NAME} or a list of them for duplicate keys`, "conjunction", either(iniAtom(), listOf(iniAtom()))),
  ],
  [
    `${INI_ATOM_NAME} or a non-empty list of them`,
    () =>
      named(`${INI_ATOM_NAME} or a non-empty list of them`, "conjunction", either(iniAtom(), { type: "nonEmptyListOf", elem: iniAtom() })),
  ],
];

/** `iniSection atom = attrsOf atom // { description = "section of an INI file (attrs of ...)"; }` */
const INI_SECTIONS = INI_ATOMS.map(([atomName, atom]) => {
  const name = `section of an INI file (attrs of ${atomName})`;
  return [name, () => named(name, "composite", attrsOf(atom()))] as const;
});

const NAMED: Record<string, () => TypeSpec> = {
  // lib/types.nix
  submodule: () => ({ type: "submodule" }),
  "attribute-tagged union": () => ({ type: "attrTag" }),
  // pkgs/pkgs-lib/formats.nix: json, yaml, toml, pythonVars, php, elixirConf
  "JSON value": () => named("JSON value", "conjunction", recursiveValue(JSON_ATOMS, true)),
  "YAML value": () => named("YAML value", "conjunction", recursiveValue(JSON_ATOMS, true)),
  "TOML value": () => named("TOML value", "conjunction", recursiveValue(JSON_ATOMS, false)),
  "Python value": () => named("Python value", "conjunction", recursiveValue(["bool", "float", "int", "path", "str"], true)),
  "PHP value": () => named("PHP value", "conjunction", recursiveValue(["bool", "int", "float", "str"], true)),
  "Elixir value": () => named("Elixir value", "conjunction", recursiveValue(["bool", "int", "float", "str"], true)),
  "raw elixir": () => named("raw elixir", null, taggedAttrs("_elixirType", { type: "enum", values: ["raw"] })),
  "elixir tuple": () => named("elixir tuple", null, taggedAttrs("_elixirType", { type: "enum", values: ["tuple"] })),
  // formats.nix keyValue: single atom, or coercedTo singleton lists
  [KV_ATOM_NAME]: kvAtom,
  [`${KV_ATOM_NAME} or a list of them for duplicate keys`]: () =>
    named(`${KV_ATOM_NAME} or a list of them for duplicate keys`, null, { type: "coercedTo", from: kvAtom(), to: listOf(kvAtom()) }),
  [`${KV_ATOM_NAME} or a non-empty list of them`]: () =>
    named(`${KV_ATOM_NAME} or a non-empty list of them`, null, {
      type: "coercedTo",
      from: kvAtom(),
      to: { type: "nonEmptyListOf", elem: kvAtom() },
    }),
  ...Object.fromEntries(INI_ATOMS),
  ...Object.fromEntries(INI_SECTIONS),
  // formats.hocon: atoms, lists of atoms or of include attrsets, nested attrsets
  "HOCON value": () =>
    named(
      "HOCON value",
      "conjunction",
      {
        type: "recursive",
        body: oneOf(
          nullOr(oneOf("bool", "float", "int", "path", "str")),
          listOf(either(nullOr(oneOf("bool", "float", "int", "path", "str")), "attrs")),
          attrsOf("self"),
        ),
      },
    ),
  // nixos/modules/config/nix.nix: nix.settings values
  "Nix config atom (null, bool, int, float, str, path or package)": () =>
    named(
      "Nix config atom (null, bool, int, float, str, path or package)",
      "conjunction",
      nullOr(oneOf("bool", "int", "float", "str", "path", "package")),
    ),
  // nixos/lib/systemd-unit-options.nix unitOption: mkOptionType without a check
  "systemd option": () => named("systemd option", null, "anything"),
  // nixos/modules/misc/nixpkgs.nix: configType checks isAttrs || isFunction; overlayType isFunction
  "nixpkgs config": () => named("nixpkgs config", null, either("attrs", { type: "functionTo", elem: "anything" })),
  "nixpkgs overlay": () => named("nixpkgs overlay", null, { type: "functionTo", elem: "anything" }),
  // moosefs/saunafs "Flat key-value file": attrsOf (oneOf [ (listOf valueType) bool int float str ])
  "Flat key-value file": () =>
    named("Flat key-value file", "conjunction", { type: "recursive", body: oneOf(listOf("self"), "bool", "int", "float", "str") }),
  // formats.javaProperties: strings, or packages/bools/ints/floats coerced to strings
  "string, package, bool, int or float": () =>
    named("string, package, bool, int or float", "conjunction", oneOf("str", "package", "bool", "int", "float")),
  // home-manager programs/aerc.nix primitive
  "values (null, bool, int, string, or float) or a list of values, that will be joined with a comma": () =>
    named(
      "values (null, bool, int, string, or float) or a list of values, that will be joined with a comma",
      "conjunction",
      either(nullOr(oneOf("str", "int", "bool", "float")), listOf(nullOr(oneOf("str", "int", "bool", "float")))),
    ),
  // services/misc/snapper.nix
  "string containing either a number or a range": () =>
    named("string containing either a number or a range", "conjunction", { type: "strMatching", pattern: "[[:digit:]]+(-[[:digit:]]+)?" }),
  "string without line breaks or quotes": () =>
    named("string without line breaks or quotes", "conjunction", { type: "strMatching", pattern: '[^\n"]*' }),
  // services/networking/mosquitto.nix
  "single-line string": () => named("single-line string", "noun", { type: "strMatching", pattern: "[^\r\n]*" }),
  "string, path, bool, or integer": () =>
    named("string, path, bool, or integer", "conjunction", oneOf({ type: "strMatching", pattern: "[^\r\n]*" }, "path", "bool", "int")),
  // services/hardware/evremap.nix
  "key ID prefixed with BTN_ or KEY_": () =>
    named("key ID prefixed with BTN_ or KEY_", "noun", { type: "strMatching", pattern: "(BTN|KEY)_[[:upper:][:digit:]_]+" }),
  // security/wrappers: chmod(1) modes
  "file mode string": () =>
    named("file mode string", "noun", {
      type: "strMatching",
      pattern:
        "(([ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+)(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+)*)|([-+=]?[0-7]{0,4})",
    }),
  // hardware/printers.nix: [[:graph:]]+ without "#" and "/"
  "printable string without spaces, # and /": () =>
    named("printable string without spaces, # and /", "noun", {
      type: "withCheck",
      elem: { type: "strMatching", pattern: "[[:graph:]]+" },
      check: "no # or /",
      pattern: "[^#/]*",
    }),
  // services/backup/sanoid.nix datasetSettingsType (attrsOf keeps the composite class)
  "dataset/template options": () =>
    named("dataset/template options", "composite", attrsOf(nullOr(oneOf("str", "int", "bool", listOf("str"))))),
  // virtualisation/xen-dom0.nix
  "nonnegative floating point number, meaning >=0": () =>
    named("nonnegative floating point number, meaning >=0", "nonRestrictiveClause", {
      type: "withCheck",
      elem: "float",
      check: ">=0",
    }),
  // web-apps/akkoma.nix
  "secret value": () => named("secret value", "noun", taggedAttrs("_secret", { type: "strMatching", pattern: "/.*" })),
  // services/games/minecraft-server.nix, mchprs.nix
  "Minecraft UUID": () =>
    named("Minecraft UUID", "noun", {
      type: "strMatching",
      pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    }),
  // home-manager window-managers/hyprland.nix: JSON-like settings
  "Hyprland configuration value": () => named("Hyprland configuration value", "conjunction", recursiveValue(JSON_ATOMS, true)),
  // home-manager programs/firefox: submoduleWith { description = ...; } (options undocumented)
  "bookmark submodule": () => ({ type: "submodule", description: "bookmark submodule" }),
  "directory submodule": () => ({ type: "submodule", description: "directory submodule" }),
  // home-manager programs/rofi.nix rasiLiteral: submodule { _type = enum [ "literal" ]; value = str; }
  "Rasi literal string": () =>
    named("Rasi literal string", null, {
      type: "submodule",
      options: { _type: { o: { t: { type: "enum", values: ["literal"] } } }, value: { o: { t: "str" } } },
    }),
};

export const NAMED_TYPES: Readonly<Record<string, () => TypeSpec>> = NAMED;
