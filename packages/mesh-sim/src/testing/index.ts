// @sluice/mesh-sim/testing: helpers the mesh-sim, API and e2e suites share.
export { freePort, startPrometheus, type PrometheusHandle, type PrometheusOptions } from './prometheus';
export { scenarioSimulator, editVirtualService, weightedRoute, type ScenarioSim } from './scenario-sim';
export { sumBy, withinBinomial } from './samples';
