/** Every importer, in one list: `monc import <kind>` names one, `monc import auto` asks each in turn. */
import type { Importer } from './importer.ts';
import { alertmanagerImporter } from './importers/alertmanager.ts';
import { grafanaImporter } from './importers/grafana.ts';
import { opensloImporter } from './importers/openslo.ts';
import { pyrraImporter } from './importers/pyrra.ts';
import { rulesImporter } from './importers/rules.ts';
import { slothImporter } from './importers/sloth.ts';

export const IMPORTERS: readonly Importer[] = [rulesImporter, alertmanagerImporter, pyrraImporter, opensloImporter, slothImporter, grafanaImporter];

/** The kinds the command line takes: each importer's, and auto. */
export const IMPORT_KINDS: readonly string[] = [...IMPORTERS.map((importer) => importer.kind), 'auto'];
