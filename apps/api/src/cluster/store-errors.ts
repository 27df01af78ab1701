import type { IstioObject } from '@sluice/model';
import { AppError, conflict } from '../errors/app-error';
import { describeObject } from './mesh-store';

type Described = Pick<IstioObject, 'kind' | 'metadata'>;

export function staleResourceVersion(object: Described, currentResourceVersion: string | undefined): AppError {
  return conflict(
    'stale',
    `${describeObject(object)} was changed by someone else (resourceVersion ${object.metadata.resourceVersion ?? 'none'} is stale, current is ${currentResourceVersion ?? 'unknown'}); reload and apply again`,
    { currentResourceVersion },
  );
}

export function alreadyExists(object: Described): AppError {
  return conflict('exists', `${describeObject(object)} already exists`);
}

export function missingObject(object: Described): AppError {
  return new AppError('not_found', `${describeObject(object)} not found`);
}

export function missingPrecondition(object: Described): AppError {
  return new AppError(
    'bad_request',
    `${describeObject(object)}: metadata.resourceVersion is required (it is the write precondition)`,
    400,
    [{ path: 'metadata.resourceVersion', code: 'required', message: 'metadata.resourceVersion is required' }],
  );
}
