import type { IstioConfig } from './istio';
import type { Service, Workload } from './kube';
import type { PodSummary } from './pod';

/** Everything known about the mesh's config at one moment: what routing, the graph and the simulator read. */
export interface MeshSnapshot extends IstioConfig {
  namespaces: string[];
  services: Service[];
  workloads: Workload[];
  /**
   * The pods the store sees, each naming its workload. Optional: snapshots built by hand (tests,
   * scale fixtures) leave it out, which reads as "no pods known", never as an error.
   */
  pods?: PodSummary[];
}
