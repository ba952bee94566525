// `types`: the option types of nixpkgs `lib.types`, under the same names.

import * as basic from "./basic.ts";
import * as compound from "./compound.ts";
import { ints, port } from "./ints.ts";
import { submodule, submoduleWith } from "./submodule.ts";

export const types = {
  bool: basic.bool,
  boolByOr: basic.boolByOr,
  int: basic.int,
  ints,
  port,
  float: basic.float,
  number: basic.number,
  str: basic.str,
  nonEmptyStr: basic.nonEmptyStr,
  singleLineStr: basic.singleLineStr,
  strMatching: basic.strMatching,
  separatedString: basic.separatedString,
  lines: basic.lines,
  commas: basic.commas,
  envVar: basic.envVar,
  path: basic.path,
  pathInStore: basic.pathInStore,
  package: basic.packageType,
  attrs: basic.attrs,
  raw: basic.raw,
  unspecified: basic.unspecified,
  anything: compound.anything,
  enum: compound.enumOf,
  listOf: compound.listOf,
  attrsOf: compound.attrsOf,
  lazyAttrsOf: compound.lazyAttrsOf,
  nullOr: compound.nullOr,
  either: compound.either,
  oneOf: compound.oneOf,
  uniq: compound.uniq,
  unique: (opts: { message: string }, type: Parameters<typeof compound.uniq>[0]) => compound.uniq(type, opts.message),
  functionTo: compound.functionTo,
  submodule,
  submoduleWith,
} as const;

export type { OptionType, ValueOf } from "./type.ts";
