import type { Finding, FindingSeverity } from './finding';

/*
 * Every finding code validation can produce. Codes are stable API: the web keys help text on
 * them and tests assert them, so rename none; add new ones at the end of their group.
 */
export const FINDING_CODES = [
  // shape
  'schema_invalid',
  'kind_unsupported',
  'api_version_unsupported',
  // VirtualService: hosts, gateways, names
  'hosts_missing',
  'host_duplicate',
  'host_empty',
  'route_name_duplicate',
  // http route actions
  'route_action_missing',
  'route_action_multiple',
  'redirect_with_fault',
  'redirect_with_rewrite',
  // destinations and weights
  'destination_host_missing',
  'weight_negative',
  'weight_not_integer',
  'weights_all_zero',
  'weights_sum_not_100',
  'tcp_route_missing',
  // fault injection
  'fault_empty',
  'fault_percentage_range',
  'fault_percentage_implicit',
  'fault_delay_missing',
  'fault_abort_status_missing',
  'abort_http_status_range',
  // mirroring
  'mirror_and_mirrors',
  'mirror_percentage_range',
  // timeouts and retries, durations
  'duration_invalid',
  'duration_too_short',
  'duration_precision',
  'retries_attempts_negative',
  'retry_on_invalid',
  // matching
  'string_match_invalid',
  'direct_response_status_range',
  // DestinationRule, Gateway
  'subset_name_invalid',
  'subset_name_duplicate',
  'gateway_servers_missing',
  'gateway_server_hosts_missing',
  'gateway_port_invalid',
  'gateway_protocol_invalid',
  // cross-object (need a MeshSnapshot)
  'subset_not_found',
  'host_unknown',
  'gateway_not_found',
  'host_multiple_virtual_services',
  'route_unreachable',
  'gateway_host_mismatch',
  'subset_selects_nothing',
  'gateway_selector_no_workload',
  // DestinationRule traffic policy (issue 16)
  'traffic_policy_empty',
  'lb_policy_multiple',
  'consistent_hash_key',
  'http_cookie_incomplete',
  'connection_pool_empty',
  'connection_pool_negative',
  'h2_upgrade_with_client_protocol',
  'outlier_negative',
  'outlier_percent_range',
  'outlier_local_origin_without_split',
  'tls_certificates_not_allowed',
  'tls_mutual_certificate_missing',
  'port_level_port_missing',
  // rewrite, redirect, header operations, match grammar, route lists (issue 15)
  'regex_invalid',
  'header_name_invalid',
  'rewrite_empty',
  'rewrite_uri_and_regex',
  'redirect_empty',
  'redirect_code_invalid',
  'redirect_scheme_invalid',
  'redirect_port_and_derive',
  'routes_missing',
  'field_unknown',
  // Gateway API routes (issue 17)
  'route_parent_missing',
  'route_hostname_invalid',
  'route_too_many',
  'backend_weight_range',
  'backend_port_missing',
  'route_path_invalid',
  'route_header_match_invalid',
  'route_method_invalid',
  'grpc_method_match_invalid',
  'filter_type_invalid',
  'filter_config_mismatch',
  'filter_duplicate',
  'filter_redirect_with_rewrite',
  'redirect_with_backends',
  'redirect_status_invalid',
  'path_modifier_invalid',
  'header_modifier_invalid',
  'timeout_backend_exceeds_request',
  'backend_not_found',
  'parent_not_found',
  'route_overrides_virtual_service',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export function finding(path: string, code: FindingCode, severity: FindingSeverity, message: string): Finding {
  return { path, code, severity, message };
}
export const error = (path: string, code: FindingCode, message: string): Finding =>
  finding(path, code, 'error', message);
export const warning = (path: string, code: FindingCode, message: string): Finding =>
  finding(path, code, 'warning', message);
export const info = (path: string, code: FindingCode, message: string): Finding => finding(path, code, 'info', message);

/** `spec.http[0].match[0].headers` + `end-user` -> `...headers.end-user`; keys that are not plain get brackets. */
export function keyPath(base: string, key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}
