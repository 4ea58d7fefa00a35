{{/* Stand-in helpers: same template names and meaning as Elastic's logstash 7.17.3 chart.
     (AAOI's parent chart replaces logstash.name and logstash.fullname; see the parent's helpers.) */}}

{{/* logstash.name: the chart name, or nameOverride. */}}
{{- define "logstash.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* logstash.fullname: fullnameOverride, else <release>-<nameOverride or chart>.
     Names the StatefulSet and its Services and is the pods' `app` label. */}}
{{- define "logstash.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (.Values.nameOverride | default .Chart.Name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
