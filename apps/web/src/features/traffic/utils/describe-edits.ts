import {
  formatRouteRef,
  type DestinationRef,
  type Edit,
  type HeadersSpec,
  type RedirectSpec,
  type RewriteSpec,
} from '@sluice/model';

/* One line per edit for the success toast: the operator sees what was written, not just "saved". */

const dest = (d: DestinationRef) => d.subset ?? d.host;
const weights = (ws: { destination: DestinationRef; weight: number }[]) =>
  ws.map((w) => `${dest(w.destination)} ${w.weight}%`).join(', ');

export function describeEdit(edit: Edit): string {
  switch (edit.op) {
    case 'setWeights':
    case 'setTcpWeights':
      return `${formatRouteRef(edit.route)}: ${weights(edit.weights)}`;
    case 'setFault': {
      if (!edit.fault) return `${formatRouteRef(edit.route)}: fault injection removed`;
      const parts = [
        edit.fault.delay && `delay ${edit.fault.delay.fixedDelay} for ${edit.fault.delay.percent}%`,
        edit.fault.abort && `abort HTTP ${edit.fault.abort.httpStatus} for ${edit.fault.abort.percent}%`,
      ].filter(Boolean);
      return `${formatRouteRef(edit.route)}: ${parts.join(', ')}`;
    }
    case 'setMirror': {
      const mirrors = edit.mirrors ?? (edit.mirror ? [edit.mirror] : []);
      if (mirrors.length === 0) return `${formatRouteRef(edit.route)}: mirroring removed`;
      return `${formatRouteRef(edit.route)}: mirror ${mirrors.map((m) => `${m.percent}% to ${dest(m.destination)}`).join(', ')}`;
    }
    case 'setTimeout':
      return `${formatRouteRef(edit.route)}: ${edit.timeout ? `timeout ${edit.timeout}` : 'timeout removed'}`;
    case 'setRetries':
      return `${formatRouteRef(edit.route)}: ${
        edit.retries
          ? `${edit.retries.attempts} retries${edit.retries.perTryTimeout ? ` x ${edit.retries.perTryTimeout}` : ''}${edit.retries.retryOn ? ` on ${edit.retries.retryOn}` : ''}`
          : 'retries removed'
      }`;
    case 'setMatchRoute':
      if (edit.remove) return `match route "${edit.name}" removed`;
      return `match route "${edit.name}" -> ${weights(edit.destinations ?? [])}`;
    case 'setRewrite':
      return `${formatRouteRef(edit.route)}: ${edit.rewrite ? `rewrite ${describeRewrite(edit.rewrite)}` : 'rewrite removed'}`;
    case 'setRedirect':
      return `${formatRouteRef(edit.route)}: ${edit.redirect ? `redirect to ${describeRedirect(edit.redirect)}` : 'redirect removed'}`;
    case 'setHeaders': {
      const where =
        edit.destinationIndex === undefined
          ? formatRouteRef(edit.route)
          : `${formatRouteRef(edit.route)} destination ${edit.destinationIndex}`;
      return `${where}: ${edit.headers ? `header operations ${describeHeaders(edit.headers)}` : 'header operations removed'}`;
    }
    case 'setMatch':
      return `${formatRouteRef(edit.route)}: ${edit.match.length ? `match ${edit.match.length} condition block(s)` : 'matches every request'}`;
    case 'addRoute':
      return `route ${edit.name ? `"${edit.name}" ` : ''}added${edit.at === undefined ? '' : ` at position ${edit.at + 1}`}`;
    case 'removeRoute':
      return `${formatRouteRef(edit.route)} removed`;
    case 'moveRoute':
      return `${formatRouteRef(edit.route)} moved to position ${edit.to + 1}`;
  }
}

function describeRewrite(r: RewriteSpec): string {
  const parts = [
    r.uri !== undefined && `path to ${r.uri}`,
    r.uriRegexRewrite && `path ${r.uriRegexRewrite.match} -> ${r.uriRegexRewrite.rewrite}`,
    r.authority !== undefined && `authority to ${r.authority}`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** The redirect as the Location it builds, e.g. `http://backend:8082/` (parts the request keeps are "*"). */
export function describeRedirect(r: RedirectSpec): string {
  const port = r.port !== undefined ? `:${r.port}` : r.derivePort === 'FROM_REQUEST_PORT' ? ':<request port>' : '';
  return `${r.scheme ?? '<scheme>'}://${r.authority ?? '<host>'}${port}${r.uri ?? '<path>'} (${r.redirectCode ?? 301})`;
}

function describeHeaders(h: HeadersSpec): string {
  const side = (name: string, ops: HeadersSpec['request']) =>
    ops
      ? [
          ...Object.keys(ops.set ?? {}).map((k) => `${name} set ${k}`),
          ...Object.keys(ops.add ?? {}).map((k) => `${name} add ${k}`),
          ...(ops.remove ?? []).map((k) => `${name} remove ${k}`),
        ]
      : [];
  return [...side('request', h.request), ...side('response', h.response)].join(', ') || 'none';
}

export function describeEdits(edits: readonly Edit[]): string {
  return edits.map(describeEdit).join('; ');
}
