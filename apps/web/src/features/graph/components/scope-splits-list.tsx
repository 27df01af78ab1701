import type { ServiceSplit } from '@sluice/model';
import { splitRateText, splitScopeName, splitSharesText } from '../utils/graph-model';

/**
 * A service's version split per scope (mesh, each gateway): a gateway-bound VirtualService routes only
 * gateway traffic, a mesh one only in-mesh callers, so each is shown beside the VirtualService it checks.
 */
export function ScopeSplitsList({ splits, window }: { splits: readonly ServiceSplit[]; window: string }) {
  return (
    <ul className="sluice-plain-list" data-testid="scope-splits" aria-label={`Version split by scope over ${window}`}>
      {splits.map((s) => (
        <li
          key={`${s.scope}|${s.gateway ?? ''}`}
          data-testid="scope-split"
          data-scope={s.scope}
          data-gateway={s.gateway ?? ''}
          data-shares={JSON.stringify(s.shares)}
        >
          <strong>{splitScopeName(s)}</strong>
          {s.virtualService ? ` (VirtualService ${s.virtualService})` : ' (no VirtualService: round robin)'}:{' '}
          {splitSharesText(s)} · {splitRateText(s)}
        </li>
      ))}
    </ul>
  );
}
