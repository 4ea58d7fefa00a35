{{/* AAOI's own names for its APM-Server config objects. The apm-server subchart keeps its
     apm.fullname (<release>-apm-server) - AAOI does not replace it. */}}
{{- define "apmserver.fullname" -}}
{{ include "apim4elastic.fullname" . }}-apmserver
{{- end -}}

{{- define "apmserver.name" -}}
{{ include "apim4elastic.name" . }}-apmserver
{{- end -}}

{{- define "apmserver.selectorLabels" -}}
{{ include "apim4elastic.componentSelectorLabels" (dict "ctx" . "component" "apm-server" "extra" (index .Values "apm-server" "labels")) }}
{{- end -}}

{{- define "apmserver.labels" -}}
{{ include "apim4elastic.componentLabels" (dict "ctx" . "component" "apm-server" "extra" (index .Values "apm-server" "labels")) }}
{{- end -}}
