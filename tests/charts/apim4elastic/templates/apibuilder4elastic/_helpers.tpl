{{/* APIBuilder4Elastic naming and labels (parent context). */}}
{{- define "apibuilder4elastic.fullname" -}}
{{ include "apim4elastic.fullname" . }}-apibuilder4elastic
{{- end -}}

{{- define "apibuilder4elastic.name" -}}
{{ include "apim4elastic.name" . }}-apibuilder4elastic
{{- end -}}

{{/* Pod labels and selector: component, name, instance, plus apibuilder4elastic.labels. */}}
{{- define "apibuilder4elastic.selectorLabels" -}}
{{ include "apim4elastic.componentSelectorLabels" (dict "ctx" . "component" "apibuilder4elastic" "extra" .Values.apibuilder4elastic.labels) }}
{{- end -}}

{{- define "apibuilder4elastic.labels" -}}
{{ include "apim4elastic.componentLabels" (dict "ctx" . "component" "apibuilder4elastic" "extra" .Values.apibuilder4elastic.labels) }}
{{- end -}}
