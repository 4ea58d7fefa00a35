{{/* AAOI replaces the elasticsearch subchart's elasticsearch.fullname / elasticsearch.name
     (named templates are global, and these parent definitions win over the subchart's).
     Evaluated with the subchart's context: <apim4elastic.fullname>-elasticsearch, and
     <chart name>-elasticsearch (which is why the container is "elasticsearch-elasticsearch").
     The pods' `app` label comes from elasticsearch.uname, which AAOI does not replace. */}}
{{- define "elasticsearch.fullname" -}}
{{ include "apim4elastic.fullname" . }}-elasticsearch
{{- end -}}

{{- define "elasticsearch.name" -}}
{{ include "apim4elastic.name" . }}-elasticsearch
{{- end -}}

{{/* AAOI's label helpers for its own elasticsearch objects (its component label really is "logstash"). */}}
{{- define "elasticsearch.selectorLabels" -}}
{{ include "apim4elastic.componentSelectorLabels" (dict "ctx" . "component" "logstash" "extra" .Values.elasticsearch.labels) }}
{{- end -}}

{{- define "elasticsearch.label" -}}
{{ include "apim4elastic.componentLabels" (dict "ctx" . "component" "logstash" "extra" .Values.elasticsearch.labels) }}
{{- end -}}
