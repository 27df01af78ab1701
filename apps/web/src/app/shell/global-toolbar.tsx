import { useEffect } from 'react';
import {
  Button,
  FormSelect,
  FormSelectOption,
  Label,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { SyncAltIcon } from '@patternfly/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { POLLING_KEYS } from '@/lib/events';
import { useNamespaces } from '@/lib/queries/namespaces';
import { REFRESH_MODES, WINDOWS, useGlobalParams } from '@/lib/url-state';
import type { LiveStatus } from '@/lib/use-server-events';
import { NamespaceSelect } from './namespace-select';

const REFRESH_LABEL: Record<string, string> = {
  live: 'Live (events)',
  '10s': 'Every 10s',
  '30s': 'Every 30s',
  '1m': 'Every minute',
  off: 'Paused',
};
const STATUS_COLOR = { live: 'green', polling: 'blue', connecting: 'grey', paused: 'orange' } as const;

/** Namespaces, time window and refresh: the page state every view shares, all kept in the URL. */
export function GlobalToolbar({ liveStatus }: { liveStatus: LiveStatus }) {
  const { namespaces, window, refresh, update } = useGlobalParams();
  const available = useNamespaces();
  const client = useQueryClient();
  const names = (available.data?.items ?? []).map((n) => n.name);

  // First visit without namespaces in the URL: pick every application namespace, as an operator would.
  const hasNamespacesParam = namespaces.length > 0;
  useEffect(() => {
    if (!hasNamespacesParam && names.length > 0) {
      const apps = names.filter((n) => n !== 'istio-system' && n !== 'kube-system');
      update({ namespaces: (apps.length ? apps : names).join(',') });
    }
  }, [hasNamespacesParam, names, update]);

  return (
    <Toolbar isSticky aria-label="Global filters" className="sluice-global-toolbar">
      <ToolbarContent>
        <ToolbarItem>
          <NamespaceSelect
            available={names}
            selected={namespaces}
            onChange={(ns) => update({ namespaces: ns.join(',') })}
          />
        </ToolbarItem>
        <ToolbarItem>
          <FormSelect
            value={window}
            onChange={(_e, v) => update({ window: v })}
            aria-label="Time window"
            data-testid="window-select"
            style={{ width: 140 }}
          >
            {WINDOWS.map((w) => (
              <FormSelectOption key={w} value={w} label={`Last ${w}`} />
            ))}
          </FormSelect>
        </ToolbarItem>
        <ToolbarItem>
          <FormSelect
            value={refresh}
            onChange={(_e, v) => update({ refresh: v })}
            aria-label="Refresh"
            data-testid="refresh-select"
            style={{ width: 160 }}
          >
            {REFRESH_MODES.map((m) => (
              <FormSelectOption key={m} value={m} label={REFRESH_LABEL[m] ?? m} />
            ))}
          </FormSelect>
        </ToolbarItem>
        <ToolbarItem>
          <Button
            variant="plain"
            aria-label="Refresh now"
            onClick={() => POLLING_KEYS.forEach((queryKey) => void client.invalidateQueries({ queryKey }))}
            data-testid="refresh-now"
            icon={<SyncAltIcon />}
          />
        </ToolbarItem>
        <ToolbarItem alignSelf="center">
          <Label isCompact color={STATUS_COLOR[liveStatus]} data-testid="live-status">
            {liveStatus === 'live' ? 'live' : liveStatus === 'polling' ? 'polling' : liveStatus}
          </Label>
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}
