{{/* The name prefix of every resource of the release. */}}
{{- define "county.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 40 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "county.labels" -}}
app.kubernetes.io/part-of: county-appeals
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one service: (dict "root" $ "name" "intake") */}}
{{- define "county.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* A service's settings: serviceDefaults merged under its own block. */}}
{{- define "county.service" -}}
{{- $svc := index .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $svc)) -}}
{{- end -}}

{{/* The most replicas any enabled service can have (maxReplicas when autoscaled). */}}
{{- define "county.maxReplicas" -}}
{{- $max := 1 -}}
{{- range $name, $_ := .Values.services -}}
{{- $svc := fromYaml (include "county.service" (dict "root" $ "name" $name)) -}}
{{- if $svc.enabled -}}
{{- $n := int $svc.replicas -}}
{{- if or $svc.autoscaling.enabled $svc.keda.enabled -}}{{- $n = max $n (int $svc.autoscaling.maxReplicas) -}}{{- end -}}
{{- $max = max $max $n -}}
{{- end -}}
{{- end -}}
{{- $max -}}
{{- end -}}

{{- define "county.secretName" -}}
{{- default (printf "%s-secrets" (include "county.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The topic of a producing service, with the configured prefix. */}}
{{- define "county.topic" -}}
{{- printf "%scounty.%s.events" .root.Values.config.KAFKA_TOPIC_PREFIX .name -}}
{{- end -}}
