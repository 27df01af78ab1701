import type { HTTPMirrorPolicy, VirtualService } from '../resources/istio';
import type { RouteRef } from '../resources/route-ref';
import { EditError } from './edit-error';
import type { MirrorSpec } from './edit-schema';
import { locateRouteOfKind, omit, updateRoute } from './route-access';
import { toDestination } from './weighted-destinations';

export interface MirrorEdit {
  mirror?: MirrorSpec | null;
  mirrors?: MirrorSpec[];
}

const MIRROR_FIELDS = ['mirror', 'mirrorPercentage', 'mirrorPercent', 'mirrors'] as const;

/*
 * Traffic mirroring on an http route, in either of Istio's two forms: the single `mirror` +
 * `mirrorPercentage`, or the `mirrors` list. istiod refuses both together, so writing one form
 * removes the other (and the deprecated integer `mirrorPercent`). `mirror: null` or an empty
 * `mirrors` list switches mirroring off.
 */
export function setMirror(vs: VirtualService, ref: RouteRef, edit: MirrorEdit): VirtualService {
  if (edit.mirror !== undefined && edit.mirrors !== undefined) {
    throw new EditError('invalid_edit', 'mirror', 'setMirror takes either mirror or mirrors, not both');
  }
  if (edit.mirror === undefined && edit.mirrors === undefined) {
    throw new EditError('invalid_edit', 'mirror', 'setMirror needs mirror (or null to clear) or mirrors');
  }
  const at = locateRouteOfKind(vs, ref, ['http'], 'setMirror');
  return updateRoute(vs, 'http', at.index, (route) => {
    const rest = omit(route, ...MIRROR_FIELDS);
    if (edit.mirror) {
      const destination = toDestination(edit.mirror.destination, sameHost(route.mirror, edit.mirror));
      return { ...rest, mirror: destination, mirrorPercentage: { value: edit.mirror.percent } };
    }
    if (edit.mirrors && edit.mirrors.length > 0) {
      const mirrors: HTTPMirrorPolicy[] = edit.mirrors.map((m) => {
        const previous = route.mirrors?.find(
          (p) => p.destination.host === m.destination.host && p.destination.subset === m.destination.subset,
        );
        return {
          ...(previous ?? {}),
          destination: toDestination(m.destination, previous?.destination),
          percentage: { value: m.percent },
        };
      });
      return { ...rest, mirrors };
    }
    return rest;
  });
}

function sameHost(
  previous: HTTPMirrorPolicy['destination'] | undefined,
  spec: MirrorSpec,
): HTTPMirrorPolicy['destination'] | undefined {
  return previous && previous.host === spec.destination.host && previous.subset === spec.destination.subset
    ? previous
    : undefined;
}
