import type { VirtualService } from '../resources/istio';
import { EditError } from './edit-error';
import type { Edit } from './edit-schema';
import { addRoute, moveRoute, removeRoute } from './route-order';
import { setFault } from './set-fault';
import { setHeaders } from './set-headers';
import { setMatch } from './set-match';
import { setRedirect } from './set-redirect';
import { setRewrite } from './set-rewrite';
import { setMatchRoute } from './set-match-route';
import { setMirror } from './set-mirror';
import { setRetries } from './set-retries';
import { setTcpWeights } from './set-tcp-weights';
import { setRouteTimeout } from './set-timeout';
import { setWeights } from './set-weights';

/** One edit, by op. Pure: returns a new VirtualService, or throws an EditError. */
export function applyEdit(vs: VirtualService, edit: Edit): VirtualService {
  switch (edit.op) {
    case 'setWeights':
      return setWeights(vs, edit.route, edit.weights);
    case 'setTcpWeights':
      return setTcpWeights(vs, edit.route, edit.weights);
    case 'setFault':
      return setFault(vs, edit.route, edit.fault);
    case 'setMirror':
      return setMirror(vs, edit.route, { mirror: edit.mirror, mirrors: edit.mirrors });
    case 'setTimeout':
      return setRouteTimeout(vs, edit.route, edit.timeout);
    case 'setRetries':
      return setRetries(vs, edit.route, edit.retries);
    case 'setMatchRoute':
      return setMatchRoute(vs, edit);
    case 'setRewrite':
      return setRewrite(vs, edit.route, edit.rewrite);
    case 'setRedirect':
      return setRedirect(vs, edit.route, edit.redirect);
    case 'setHeaders':
      return setHeaders(vs, edit.route, edit.headers, edit.destinationIndex);
    case 'setMatch':
      return setMatch(vs, edit.route, edit.match);
    case 'addRoute':
      return addRoute(vs, edit.name, edit.at);
    case 'removeRoute':
      return removeRoute(vs, edit.route);
    case 'moveRoute':
      return moveRoute(vs, edit.route, edit.to);
    default: {
      const unknown: never = edit;
      throw new EditError('invalid_edit', 'op', `unknown edit op ${JSON.stringify((unknown as { op?: unknown }).op)}`);
    }
  }
}

/** Edits in order, all or nothing: the first that cannot apply throws, tagged with its position. */
export function applyEdits(vs: VirtualService, edits: readonly Edit[]): VirtualService {
  return edits.reduce((current, edit, i) => {
    try {
      return applyEdit(current, edit);
    } catch (error) {
      throw error instanceof EditError ? error.withEditIndex(i) : error;
    }
  }, vs);
}
