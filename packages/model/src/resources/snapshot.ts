import type { IstioConfig } from './istio';
import type { Service, Workload } from './kube';

/** Everything known about the mesh's config at one moment: what routing, the graph and the simulator read. */
export interface MeshSnapshot extends IstioConfig {
  namespaces: string[];
  services: Service[];
  workloads: Workload[];
}
