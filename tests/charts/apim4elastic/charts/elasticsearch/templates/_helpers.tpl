{{/* Stand-in helpers: same template names and meaning as Elastic's elasticsearch 7.17.3 chart. */}}

{{/* elasticsearch.name: the chart name, or nameOverride. */}}
{{- define "elasticsearch.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* elasticsearch.fullname: <release>-<name>. */}}
{{- define "elasticsearch.fullname" -}}
{{- printf "%s-%s" .Release.Name (.Values.nameOverride | default .Chart.Name) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* elasticsearch.uname: fullnameOverride, else <clusterName or nameOverride>-<nodeGroup>.
     Names the StatefulSet, its Services, Ingress, and is the pods' `app` label. */}}
{{- define "elasticsearch.uname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride -}}
{{- else -}}
{{- printf "%s-%s" (.Values.nameOverride | default .Values.clusterName) .Values.nodeGroup -}}
{{- end -}}
{{- end -}}

{{/* elasticsearch.masterService: masterService, else fullnameOverride, else <clusterName or nameOverride>-master. */}}
{{- define "elasticsearch.masterService" -}}
{{- if .Values.masterService -}}
{{- .Values.masterService -}}
{{- else if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride -}}
{{- else -}}
{{- printf "%s-master" (.Values.nameOverride | default .Values.clusterName) -}}
{{- end -}}
{{- end -}}

{{/* elasticsearch.endpoints: the StatefulSet pod names, comma-terminated. */}}
{{- define "elasticsearch.endpoints" -}}
{{- $uname := include "elasticsearch.uname" . -}}
{{- range $i := until (int (toString .Values.replicas)) -}}
{{ $uname }}-{{ $i }},
{{- end -}}
{{- end -}}

{{/* elasticsearch.esMajorVersion: esMajorVersion, else the major of imageTag (8 for non-Elastic images). */}}
{{- define "elasticsearch.esMajorVersion" -}}
{{- if .Values.esMajorVersion -}}
{{- .Values.esMajorVersion -}}
{{- else -}}
{{- $major := int (first (splitList "." (toString .Values.imageTag))) -}}
{{- if and (contains "docker.elastic.co/elasticsearch/elasticsearch" .Values.image) (ne $major 0) -}}
{{- $major -}}
{{- else -}}
8
{{- end -}}
{{- end -}}
{{- end -}}
