{{/* AAOI replaces the filebeat subchart's filebeat.fullname / filebeat.name (parent wins).
     With the subchart's context: <filebeat.fullnameOverride or release-filebeat>-filebeat,
     which is the DaemonSet name and the pods' `app` label. */}}
{{- define "filebeat.fullname" -}}
{{ include "apim4elastic.fullname" . }}-filebeat
{{- end -}}

{{- define "filebeat.name" -}}
{{ include "apim4elastic.name" . }}-filebeat
{{- end -}}

{{- define "filebeat.selectorLabels" -}}
{{ include "apim4elastic.componentSelectorLabels" (dict "ctx" . "component" "filebeat" "extra" .Values.filebeat.labels) }}
{{- end -}}

{{- define "filebeat.labels" -}}
{{ include "apim4elastic.componentLabels" (dict "ctx" . "component" "filebeat" "extra" .Values.filebeat.labels) }}
{{- end -}}
