{{/* Stand-in helpers: same template names and meaning as Elastic's kibana 7.17.3 chart. */}}

{{/* kibana.name: the chart name, or nameOverride. */}}
{{- define "kibana.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* kibana.fullname: fullnameOverride, else <nameOverride or release>-<chart>. */}}
{{- define "kibana.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" (.Values.nameOverride | default .Release.Name) .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* kibana.labels: app (chart name), release, heritage, then .Values.labels. */}}
{{- define "kibana.labels" -}}
app: {{ .Chart.Name }}
release: {{ .Release.Name | quote }}
heritage: {{ .Release.Service }}
{{- with .Values.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* kibana.home_dir: where the image keeps Kibana. */}}
{{- define "kibana.home_dir" -}}
/usr/share/kibana
{{- end -}}
