{{/* Stand-in helpers: same template names and meaning as Elastic's filebeat 7.17.3 chart.
     (AAOI's parent chart replaces filebeat.name and filebeat.fullname; see the parent's helpers.) */}}

{{/* filebeat.name: the chart name, or nameOverride. */}}
{{- define "filebeat.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* filebeat.fullname: fullnameOverride, else <release>-<nameOverride or chart>.
     Names the DaemonSet and is the pods' `app` label. */}}
{{- define "filebeat.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (.Values.nameOverride | default .Chart.Name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* filebeat.serviceAccount: serviceAccount, else <release>-<nameOverride or chart>. */}}
{{- define "filebeat.serviceAccount" -}}
{{- if .Values.serviceAccount -}}
{{- .Values.serviceAccount -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (.Values.nameOverride | default .Chart.Name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Pod and object labels: the daemonset's own labels win over the root-level (deprecated) labels. */}}
{{- define "filebeat.standin.podLabels" -}}
app: {{ include "filebeat.fullname" . | quote }}
chart: "{{ .Chart.Name }}-{{ .Chart.Version }}"
heritage: {{ .Release.Service | quote }}
release: {{ .Release.Name | quote }}
{{- range $k, $v := (.Values.daemonset.labels | default .Values.labels) }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}
