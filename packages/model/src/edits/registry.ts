import type { z } from 'zod';
import {
  destinationRuleEditsRequestSchema,
  destinationRuleEditsResponseSchema,
  editsRequestSchema,
  editsResponseSchema,
} from '../api/schemas';
import {
  grpcRouteEditsRequestSchema,
  grpcRouteEditsResponseSchema,
  httpRouteEditsRequestSchema,
  httpRouteEditsResponseSchema,
  tcpRouteEditsRequestSchema,
  tcpRouteEditsResponseSchema,
} from '../api/gateway-route-schemas';
import { ISTIO_PLURALS, type IstioKind, type IstioObjectOf } from '../resources/istio';
import { validateGrpcRoute, validateHttpRoute, validateTcpRoute } from '../validation/gateway-api-route';
import { MAX_WEIGHT } from '../validation/gateway-api-fields';
import type { MeshSnapshot } from '../resources/snapshot';
import type { Finding } from '../validation/finding';
import { validateDestinationRule } from '../validation/destination-rule';
import { validateVirtualService } from '../validation/virtual-service';
import { applyEdits } from './apply-edit';
import {
  applyDestinationRuleEdits,
  destinationRuleEditSchema,
  type DestinationRuleEdit,
} from './destination-rule-edits';
import { editSchema, type Edit } from './edit-schema';
import {
  applyGrpcRouteEdits,
  applyHttpRouteEdits,
  applyTcpRouteEdits,
  grpcRouteEditSchema,
  httpRouteEditSchema,
  tcpRouteEditSchema,
  type GrpcRouteEdit,
  type HttpRouteEdit,
  type TcpRouteEdit,
} from './gateway-route-edits';
import { checkWeight, weightListProblems } from './weight-checks';

/*
 * The edit pipeline is keyed by kind: POST /api/namespaces/:ns/:plural/:name/edits looks the plural up
 * here and gets everything kind-specific from one entry - the request and response schemas, the pure
 * edit operations, request-level input checks, istiod-equivalent validation of the result, and whether
 * edits address routes (the rollout drift rule only concerns routed kinds). The API's use case, the
 * OpenAPI document and the web's edit kit are written once against this interface; a new editable
 * kind is one entry here plus its ops and validation (CONTRIBUTING.md).
 */

/** What the pipeline needs to know about one editable kind. */
export interface EditKind<K extends IstioKind = IstioKind, E extends { op: string } = { op: string }> {
  kind: K;
  plural: (typeof ISTIO_PLURALS)[K];
  /** One edit: the union of this kind's ops. */
  editSchema: z.ZodType<E>;
  /** The POST body: `{ resourceVersion, edits, overrideRollout? }` with this kind's edit union. */
  requestSchema: z.ZodType<{ resourceVersion: string; edits: E[]; overrideRollout?: boolean | undefined }>;
  /** The answer: `{ dryRun, object, diff, findings }` with this kind's object. */
  responseSchema: z.ZodType<{ dryRun: boolean; object: IstioObjectOf<K>; diff: string; findings: Finding[] }>;
  /** Applies the edits in order, all or nothing; throws an EditError (with its edit index) if one cannot apply. */
  apply: (object: IstioObjectOf<K>, edits: readonly E[]) => IstioObjectOf<K>;
  /** Problems with the request itself (paths into the request), found before any edit applies. */
  inputProblems: (edits: readonly E[]) => Finding[];
  /** istiod's rules for the result, with the mesh as it would be after the write. */
  validate: (object: IstioObjectOf<K>, snapshot: MeshSnapshot) => Finding[];
  /** Edits address routes (`RouteRef`): a route of an active rollout is guarded by the drift rule. */
  routeAddressing: boolean;
}

/**
 * The setWeights family scales weights to integers summing to 100: right for a slider, but a request
 * saying -5, 33.5, 65536 or 0/0 asks for something that cannot be stored as asked, so it is refused
 * with paths into the request (the same checks the web's weight fields use).
 */
function virtualServiceInputProblems(edits: readonly Edit[]): Finding[] {
  return edits.flatMap((edit, i) => {
    const lists: [string, readonly { weight: number }[]][] =
      edit.op === 'setWeights' || edit.op === 'setTcpWeights' ? [['weights', edit.weights]] : [];
    if (edit.op === 'setMatchRoute' && edit.destinations) lists.push(['destinations', edit.destinations]);
    return lists.flatMap(([field, list]) =>
      weightListProblems(list.map((w) => w.weight)).map((p) => ({
        path: p.index === undefined ? `edits[${i}].${field}` : `edits[${i}].${field}[${p.index}].weight`,
        code: p.code,
        severity: 'error' as const,
        message: p.message,
      })),
    );
  });
}

const virtualServices: EditKind<'VirtualService', Edit> = {
  kind: 'VirtualService',
  plural: ISTIO_PLURALS.VirtualService,
  editSchema,
  requestSchema: editsRequestSchema,
  responseSchema: editsResponseSchema,
  apply: applyEdits,
  inputProblems: virtualServiceInputProblems,
  validate: validateVirtualService,
  routeAddressing: true,
};

const destinationRules: EditKind<'DestinationRule', DestinationRuleEdit> = {
  kind: 'DestinationRule',
  plural: ISTIO_PLURALS.DestinationRule,
  editSchema: destinationRuleEditSchema,
  requestSchema: destinationRuleEditsRequestSchema,
  responseSchema: destinationRuleEditsResponseSchema,
  apply: applyDestinationRuleEdits,
  // Every value rule of a policy is istiod's, checked on the result with paths into the object.
  inputProblems: () => [],
  validate: validateDestinationRule,
  routeAddressing: false,
};

/**
 * Gateway API weights are relative integers 0..1,000,000 (stored as sent, not scaled to 100); a
 * request setting every backendRef of a rule to 0 would answer 500 to all its traffic, so it is
 * refused like an all-zero VirtualService split.
 */
function backendWeightProblems(edits: readonly { op: string; weights?: readonly { weight: number }[] }[]): Finding[] {
  return edits.flatMap((edit, i) => {
    if (edit.op !== 'setBackendWeights' || !edit.weights) return [];
    const list = edit.weights;
    const each = list.flatMap((w, j) => {
      const check = checkWeight(w.weight, MAX_WEIGHT);
      return check.ok
        ? []
        : [
            {
              path: `edits[${i}].weights[${j}].weight`,
              code: check.code,
              severity: 'error' as const,
              message: `weight ${check.message.toLowerCase()}`,
            },
          ];
    });
    if (each.length === 0 && list.length > 1 && list.every((w) => w.weight === 0))
      each.push({
        path: `edits[${i}].weights`,
        code: 'weights_all_zero',
        severity: 'error' as const,
        message: 'at least one weight must be above 0',
      });
    return each;
  });
}

const httpRoutes: EditKind<'HTTPRoute', HttpRouteEdit> = {
  kind: 'HTTPRoute',
  plural: ISTIO_PLURALS.HTTPRoute,
  editSchema: httpRouteEditSchema,
  requestSchema: httpRouteEditsRequestSchema,
  responseSchema: httpRouteEditsResponseSchema,
  apply: applyHttpRouteEdits,
  inputProblems: backendWeightProblems,
  validate: validateHttpRoute,
  // Rules address routes: a rollout on a rule's backendRefs is guarded by the drift rule (decision 72).
  routeAddressing: true,
};

const grpcRoutes: EditKind<'GRPCRoute', GrpcRouteEdit> = {
  kind: 'GRPCRoute',
  plural: ISTIO_PLURALS.GRPCRoute,
  editSchema: grpcRouteEditSchema,
  requestSchema: grpcRouteEditsRequestSchema,
  responseSchema: grpcRouteEditsResponseSchema,
  apply: applyGrpcRouteEdits,
  inputProblems: backendWeightProblems,
  validate: validateGrpcRoute,
  routeAddressing: false,
};

const tcpRoutes: EditKind<'TCPRoute', TcpRouteEdit> = {
  kind: 'TCPRoute',
  plural: ISTIO_PLURALS.TCPRoute,
  editSchema: tcpRouteEditSchema,
  requestSchema: tcpRouteEditsRequestSchema,
  responseSchema: tcpRouteEditsResponseSchema,
  apply: applyTcpRouteEdits,
  inputProblems: backendWeightProblems,
  validate: validateTcpRoute,
  routeAddressing: false,
};

/** Every editable kind, by the plural its URL uses. */
export const EDIT_KINDS = {
  virtualservices: virtualServices,
  destinationrules: destinationRules,
  httproutes: httpRoutes,
  grpcroutes: grpcRoutes,
  tcproutes: tcpRoutes,
} as const;

export type EditablePlural = keyof typeof EDIT_KINDS;

/** The plurals that take edits, for messages and the OpenAPI document. */
export const EDITABLE_PLURALS = Object.keys(EDIT_KINDS) as EditablePlural[];

/**
 * The entry for a URL's plural, or undefined for anything else (a kind with no edit operations, or no
 * kind at all): the caller refuses it naming the plurals that do take edits. Erased to the common
 * interface: the request schema guarantees the edits match the kind.
 */
export function editKindFor(plural: string): EditKind<IstioKind, { op: string }> | undefined {
  if (!Object.hasOwn(EDIT_KINDS, plural)) return undefined;
  return EDIT_KINDS[plural as EditablePlural] as unknown as EditKind<IstioKind, { op: string }>;
}

/** One edit of the kind behind a plural (`EditFor<'virtualservices'>` is `Edit`). */
export type EditFor<P extends EditablePlural> = z.output<(typeof EDIT_KINDS)[P]['editSchema']>;
