{{/* Stand-in helpers: same template names and meaning as Elastic's apm-server 7.17.3 chart. */}}

{{/* apm.name: the chart name, or nameOverride. */}}
{{- define "apm.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* apm.fullname: fullnameOverride, else <release>-<nameOverride or chart>. Names the Deployment and Service. */}}
{{- define "apm.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (.Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-") | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* apm.serviceAccount: serviceAccount, else apm.fullname. */}}
{{- define "apm.serviceAccount" -}}
{{- .Values.serviceAccount | default (include "apm.fullname" .) -}}
{{- end -}}
