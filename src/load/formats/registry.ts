/** Every input format, in one list; a file goes to the first format of the compile's family that detects it. */
import type { InputFormat } from './format.ts';
import { moncTsFormat } from './monc-ts/index.ts';
import { moncYamlFormat } from './monc-yaml/index.ts';
import { ruleFilesFormat } from './rule-files/index.ts';

export const FORMATS: readonly InputFormat[] = [moncYamlFormat, moncTsFormat, ruleFilesFormat];
