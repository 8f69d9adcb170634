/**
 * Grafana's formats as monc writes them: the classic dashboard JSON, typed and built by
 * @grafana/grafana-foundation-sdk (schemaVersion 42), and the file-provisioning YAML.
 */
export type { Dashboard as DashboardDto, Panel as PanelDto, RowPanel as RowPanelDto, GridPos } from '@grafana/grafana-foundation-sdk/dashboard';

export interface DashboardProvisioningDto {
  readonly apiVersion: 1;
  readonly providers: readonly {
    readonly name: string;
    readonly type: 'file';
    readonly disableDeletion: boolean;
    readonly allowUiUpdates: boolean;
    readonly updateIntervalSeconds: number;
    readonly options: { readonly path: string; readonly foldersFromFilesStructure: boolean };
  }[];
}

export interface DatasourceProvisioningDto {
  readonly apiVersion: 1;
  readonly datasources: readonly {
    readonly name: string;
    readonly type: 'prometheus';
    readonly uid: string;
    readonly access: 'proxy';
    readonly url: string;
    readonly isDefault: boolean;
    readonly editable: boolean;
    readonly jsonData: { readonly httpMethod: 'POST'; readonly timeInterval: string };
  }[];
}

export const PROVISIONING_KEY_ORDER = ['apiVersion', 'providers', 'datasources', 'name', 'type', 'uid', 'access', 'url', 'isDefault', 'editable', 'jsonData', 'options', 'path'];
