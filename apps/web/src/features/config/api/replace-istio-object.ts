import { useMutation } from '@tanstack/react-query';
import { istioObjectSchema } from '@sluice/model';
import { apiRequest } from '@/lib/api-client';
import { objectPath, type ObjectRef } from './get-istio-object';

/** PUT the object as YAML text; its metadata.resourceVersion is the precondition. */
export const replaceIstioObject = (ref: ObjectRef, yaml: string) =>
  apiRequest(objectPath(ref), istioObjectSchema, { method: 'PUT', body: { yaml } });

export const useReplaceIstioObject = () =>
  useMutation({ mutationFn: ({ ref, yaml }: { ref: ObjectRef; yaml: string }) => replaceIstioObject(ref, yaml) });
