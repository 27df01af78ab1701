import { formatRouteRef, type DestinationRef, type Edit } from '@sluice/model';

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
  }
}

export function describeEdits(edits: readonly Edit[]): string {
  return edits.map(describeEdit).join('; ');
}
