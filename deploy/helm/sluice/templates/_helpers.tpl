{{- define "sluice.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sluice.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "sluice.serviceAccountName" -}}
{{- default (include "sluice.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/* The Host names the server answers to: allowedHosts plus, with an Ingress, its host and TLS hosts. */}}
{{- define "sluice.allowedHosts" -}}
{{- $hosts := list -}}
{{- range .Values.allowedHosts }}{{ $hosts = append $hosts . }}{{ end -}}
{{- if .Values.ingress.enabled -}}
{{- $hosts = append $hosts .Values.ingress.host -}}
{{- range .Values.ingress.tls }}{{ range .hosts }}{{ $hosts = append $hosts . }}{{ end }}{{ end -}}
{{- end -}}
{{- $hosts | uniq | join "," -}}
{{- end -}}

{{/* trustProxy as the server's flag reads it; empty means one hop (the ingress controller) behind an Ingress. */}}
{{- define "sluice.trustProxy" -}}
{{- if kindIs "string" .Values.trustProxy -}}
{{- if .Values.trustProxy }}{{ .Values.trustProxy }}{{ else if .Values.ingress.enabled }}1{{ else }}false{{ end -}}
{{- else -}}
{{- .Values.trustProxy | toString -}}
{{- end -}}
{{- end -}}

{{- define "sluice.sessionKeySecretName" -}}
{{- default (printf "%s-session-key" (include "sluice.fullname" .)) .Values.auth.sessionKey.existingSecret -}}
{{- end -}}
