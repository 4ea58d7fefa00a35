{{/* AAOI parent-chart helpers (stand-in). Called with the parent's context, or - through the
     subchart naming overrides below - with a subchart's context. */}}

{{/* apim4elastic.name: the chart name of the context (.Chart.Name), or its nameOverride. */}}
{{- define "apim4elastic.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* apim4elastic.fullname: fullnameOverride of the context; else the release name if it already
     contains apim4elastic.name; else <release>-<name>. */}}
{{- define "apim4elastic.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := .Values.nameOverride | default .Chart.Name -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* apim4elastic.chart: <chart>-<version>. */}}
{{- define "apim4elastic.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* apim4elastic.selectorLabels: app.kubernetes.io/name + instance. */}}
{{- define "apim4elastic.selectorLabels" -}}
app.kubernetes.io/name: {{ include "apim4elastic.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* apim4elastic.labels: chart, selector labels, version, managed-by. */}}
{{- define "apim4elastic.labels" -}}
helm.sh/chart: {{ include "apim4elastic.chart" . }}
{{ include "apim4elastic.selectorLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* apim4elastic.componentLabels: common labels for the parent's objects of component
     (dict "ctx" $ "component" "<name>" "extra" <map>). */}}
{{- define "apim4elastic.componentLabels" -}}
helm.sh/chart: {{ include "apim4elastic.chart" .ctx }}
{{ include "apim4elastic.componentSelectorLabels" . }}
{{- with .ctx.Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- end -}}

{{- define "apim4elastic.componentSelectorLabels" -}}
app.kubernetes.io/component: {{ .component }}
{{ include "apim4elastic.selectorLabels" .ctx }}
{{- range $k, $v := .extra }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}
