/** Every importer, in one list: `monc import <kind>` names one, `monc import auto` asks each in turn. */
import type { Importer } from './importer.ts';
import { IMPORTER_KINDS, type ImporterKind } from './kinds.ts';
import { alertmanagerImporter } from './importers/alertmanager.ts';
import { grafanaImporter } from './importers/grafana.ts';
import { opensloImporter } from './importers/openslo.ts';
import { pyrraImporter } from './importers/pyrra.ts';
import { rulesImporter } from './importers/rules.ts';
import { slothImporter } from './importers/sloth.ts';

/** One importer per kind of kinds.ts; the record makes a kind without its importer a type error. */
const BY_KIND: Readonly<Record<ImporterKind, Importer>> = {
  rules: rulesImporter,
  alertmanager: alertmanagerImporter,
  pyrra: pyrraImporter,
  openslo: opensloImporter,
  sloth: slothImporter,
  grafana: grafanaImporter,
};

export const IMPORTERS: readonly Importer[] = IMPORTER_KINDS.map((kind) => BY_KIND[kind]);
