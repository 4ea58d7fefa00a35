{{- /*
aaoi-netpol overlay: one NetworkPolicy object.

Input: dict root component direction ("ingress" or "egress").
Renders nothing unless networkPolicy.enabled is true and the component is
deployed (egress policies also need networkPolicy.egress.enabled).

An ingress policy selects the component's pods with policyTypes [Ingress]:
whatever it does not list is denied, so it is the component's default deny
and its allow list at once. An egress policy does the same for outbound
connections.

Each policy lives in its own template file (aaoi-netpol-<component>-<direction>.yaml),
which renders at most one YAML document and can be picked alone with
`helm template --show-only`.
*/ -}}
{{- define "aaoi-netpol.policy" -}}
{{- $root := .root -}}
{{- $c := .component -}}
{{- $dir := .direction -}}
{{- $args := dict "root" $root "component" $c -}}
{{- $render := and (include "aaoi-netpol.enabled" $root) (include "aaoi-netpol.componentEnabled" $args) -}}
{{- if eq $dir "egress" -}}
{{- $render = and $render (include "aaoi-netpol.egressEnabled" $root) -}}
{{- end -}}
{{- if $render -}}
{{- $rules := list -}}
{{- if eq $dir "egress" -}}
{{- $rules = include "aaoi-netpol.egressRules" $args | fromYamlArray -}}
{{- else -}}
{{- $rules = include "aaoi-netpol.ingressRules" $args | fromYamlArray -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "aaoi-netpol.name" (dict "root" $root "component" $c "suffix" $dir) }}
  labels:
    {{- include "aaoi-netpol.labels" (dict "root" $root "component" $c "direction" $dir) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "aaoi-netpol.podLabels" $args | nindent 6 }}
  policyTypes:
    - {{ title $dir }}
  {{- if $rules }}
  {{ $dir }}:
    {{- toYaml $rules | nindent 4 }}
  {{- else }}
  {{ $dir }}: []
  {{- end }}
{{- end -}}
{{- end -}}
