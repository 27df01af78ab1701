import {
  ISTIO_PLURALS,
  hasErrors,
  parseIstioObject,
  validateObject,
  type IstioObject,
  type ReplaceObjectRequest,
} from '@sluice/model';
import type { Logger } from 'pino';
import { parseDocument } from 'yaml';
import type { MeshStore } from '../cluster/mesh-store';
import { missingPrecondition } from '../cluster/store-errors';
import { AppError, notFound } from '../errors/app-error';
import { assertNotManaged } from './controller-guard';
import { invalid, snapshotWith } from './findings';
import { guardRolloutDrift } from './rollout-drift';
import type { AuditLog } from '../audit/audit-log';
import { logWrite } from './write-log';

/**
 * PUT /api/namespaces/:ns/:kind/:name: replace an Istio object from YAML or JSON. Malformed YAML is a
 * 400; an object of the wrong shape, kind, name or namespace, or one validation refuses, is a 422;
 * `metadata.resourceVersion` is the precondition. Nothing is written unless all of that passes.
 */
export async function replaceObject(
  store: MeshStore,
  target: { namespace: string; plural: string; name: string },
  request: ReplaceObjectRequest,
  options: { logger: Logger; actor?: string; now?: () => number; audit?: AuditLog | undefined },
): Promise<IstioObject> {
  const raw = 'yaml' in request ? readYaml(request.yaml) : request.object;
  const parsed = parseIstioObject(raw);
  if (!parsed.ok)
    throw new AppError(
      'invalid',
      `not a valid Istio object: ${parsed.findings[0]?.path}: ${parsed.findings[0]?.message}`,
      422,
      parsed.findings,
    );
  const named = withNamespace(parsed.object, target.namespace);
  checkIdentity(named, target);

  const current = store.get(named.kind, target.namespace, target.name);
  if (!current) throw notFound(`${named.kind} ${target.namespace}/${target.name}`);
  if (current.kind === 'VirtualService') assertNotManaged(current, 'this replacement');
  const object =
    (current.kind === 'VirtualService' && named.kind === 'VirtualService') ||
    (current.kind === 'HTTPRoute' && named.kind === 'HTTPRoute')
      ? guardRolloutDrift(current, named, {
          overrideRollout: request.overrideRollout,
          actor: options.actor ?? 'anonymous',
          now: (options.now ?? Date.now)(),
        })
      : named;
  if (!object.metadata.resourceVersion) throw missingPrecondition(object);
  const findings = validateObject(object, snapshotWith(store.snapshot(), object));
  if (hasErrors(findings)) throw invalid(object, findings);

  const stored = await store.replace(object);
  logWrite(options.logger, 'replace', current, stored, options.actor ? { actor: options.actor } : {}, options.audit);
  return stored;
}

/**
 * YAML to plain data. Syntax errors name their line; an alias to no anchor (`a: *nothere`) and an
 * alias bomb (anchors expanding to millions of nodes) are 400s too: the `yaml` package throws a
 * ReferenceError for both while building the data (it stops a bomb at MAX_ALIAS_COUNT expansions).
 * Warnings (unknown tags) stay out of the process's warning stream: the schema check that follows
 * names what is wrong with the object.
 */
const MAX_ALIAS_COUNT = 100;

function readYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, logLevel: 'silent' });
  const [error] = doc.errors;
  if (error) {
    const line = error.linePos?.[0];
    const where = line ? `yaml (line ${line.line}, column ${line.col})` : 'yaml';
    throw new AppError('bad_request', `malformed YAML: ${error.message.split('\n')[0]}`, 400, [
      { path: where, code: error.code, message: error.message },
    ]);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const message = `malformed YAML: ${err.message}`;
    throw new AppError('bad_request', message, 400, [{ path: 'yaml', code: 'BAD_ALIAS', message }]);
  }
}

function withNamespace(object: IstioObject, namespace: string): IstioObject {
  return object.metadata.namespace
    ? object
    : ({ ...object, metadata: { ...object.metadata, namespace } } as IstioObject);
}

function checkIdentity(object: IstioObject, target: { namespace: string; plural: string; name: string }): void {
  const mismatch = (path: string, message: string) =>
    new AppError('invalid', message, 422, [{ path, code: 'identity_mismatch', severity: 'error', message }]);
  if (ISTIO_PLURALS[object.kind] !== target.plural)
    throw mismatch('kind', `kind ${object.kind} does not match the URL's ${target.plural}`);
  if (object.metadata.name !== target.name)
    throw mismatch(
      'metadata.name',
      `metadata.name "${object.metadata.name}" does not match the URL's "${target.name}"`,
    );
  if (object.metadata.namespace !== target.namespace) {
    throw mismatch(
      'metadata.namespace',
      `metadata.namespace "${object.metadata.namespace}" does not match the URL's "${target.namespace}"`,
    );
  }
}
