{{/* AAOI replaces the kibana subchart's kibana.fullname / kibana.name (parent wins).
     With the subchart's context: <kibana.fullnameOverride or release-kibana>-kibana.
     Kibana's pod labels (app: kibana, release) do not use these. */}}
{{- define "kibana.fullname" -}}
{{ include "apim4elastic.fullname" . }}-kibana
{{- end -}}

{{- define "kibana.name" -}}
{{ include "apim4elastic.name" . }}-kibana
{{- end -}}

{{- define "kibana.selectorLabels" -}}
{{ include "apim4elastic.componentSelectorLabels" (dict "ctx" . "component" "logstash" "extra" .Values.kibana.labels) }}
{{- end -}}

{{- define "kibana.label" -}}
{{ include "apim4elastic.componentLabels" (dict "ctx" . "component" "logstash" "extra" .Values.kibana.labels) }}
{{- end -}}
