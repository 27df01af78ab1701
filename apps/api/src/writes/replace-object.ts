import {
  ISTIO_PLURALS,
  hasErrors,
  parseIstioObject,
  validateObject,
  type IstioObject,
  type ReplaceObjectRequest,
} from '@sluice/model';
import type { Logger } from 'pino';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { MeshStore } from '../cluster/mesh-store';
import { missingPrecondition } from '../cluster/store-errors';
import { AppError, notFound } from '../errors/app-error';
import { assertNotManaged } from './controller-guard';
import { invalid, snapshotWith } from './findings';
import { guardRolloutDrift } from './rollout-drift';
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
  options: { logger: Logger; actor?: string; now?: () => number },
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
  logWrite(options.logger, 'replace', current, stored);
  return stored;
}

function readYaml(text: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (err) {
    if (!(err instanceof YAMLParseError)) throw err;
    const line = err.linePos?.[0];
    const where = line ? `yaml (line ${line.line}, column ${line.col})` : 'yaml';
    throw new AppError('bad_request', `malformed YAML: ${err.message.split('\n')[0]}`, 400, [
      { path: where, code: err.code, message: err.message },
    ]);
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
