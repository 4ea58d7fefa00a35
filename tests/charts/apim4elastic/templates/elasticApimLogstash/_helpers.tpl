{{/* AAOI replaces the logstash subchart's logstash.fullname / logstash.name (parent wins).
     With the subchart's context: <logstash.fullnameOverride or release-logstash>-logstash,
     which is the StatefulSet name, its Services' names and the pods' `app` label. */}}
{{- define "logstash.fullname" -}}
{{ include "apim4elastic.fullname" . }}-logstash
{{- end -}}

{{- define "logstash.name" -}}
{{ include "apim4elastic.name" . }}-logstash
{{- end -}}

{{- define "logstash.selectorLabels" -}}
{{ include "apim4elastic.componentSelectorLabels" (dict "ctx" . "component" "logstash" "extra" .Values.logstash.labels) }}
{{- end -}}

{{- define "logstash.labels" -}}
{{ include "apim4elastic.componentLabels" (dict "ctx" . "component" "logstash" "extra" .Values.logstash.labels) }}
{{- end -}}
