import type { CheckMeta } from './check.ts';

/** Reported by the loaders. */
export const loadYaml: CheckMeta = {
  id: 'load/yaml',
  summary: 'The file is not valid YAML.',
  defaultSeverity: 'error',
};
