{{- /*
aaoi-netpol overlay: one NetworkPolicy per component and direction.

An ingress policy selects the component's pods with policyTypes [Ingress]:
whatever it does not list is denied, so it is the component's default deny
and its allow list at once. An egress policy (networkPolicy.egress.enabled)
does the same for outbound connections. Rules come from the flow table
(_aaoi-netpol-catalog.tpl) as resolved in the state; a flow whose peer list is
empty adds no rule, because an empty "from"/"to" would mean everyone.
*/ -}}

{{- /* One rule. Input: dict key ("from"/"to") peers ports (port numbers, TCP; empty = every port). */ -}}
{{- define "aaoi-netpol.rule" -}}
{{- $rule := dict .key .peers -}}
{{- if .ports -}}
{{- $_ := set $rule "ports" (include "aaoi-netpol.tcpPorts" .ports | fromYamlArray) -}}
{{- end -}}
{{- toYaml $rule -}}
{{- end -}}

{{- /*
The peers a flow's source stands for; the Ingress controller's are those of the target's own Ingress class.
Input: dict state from to. Output: YAML list.
*/ -}}
{{- define "aaoi-netpol.sourcePeers" -}}
{{- if hasKey .state.deployed .from -}}
{{- toYaml (list (dict "podSelector" (dict "matchLabels" (index .state.labels .from)))) -}}
{{- else if eq .from "ingressController" -}}
{{- toYaml (index .state.ingressPeers .to | default list) -}}
{{- else -}}
{{- toYaml (index .state.roles .from | default list) -}}
{{- end -}}
{{- end -}}

{{- /* The ingress rules of one component. Input: dict state component. Output: YAML list. */ -}}
{{- define "aaoi-netpol.ingressRules" -}}
{{- $s := .state -}}
{{- $c := .component -}}
{{- $rules := list -}}
{{- range $s.flows -}}
{{- if eq .to $c -}}
{{- $peers := include "aaoi-netpol.sourcePeers" (dict "state" $s "from" .from "to" .to) | fromYamlArray -}}
{{- if $peers -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "from" "peers" $peers "ports" .ports) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml (concat $rules (index $s.extraIngress $c)) -}}
{{- end -}}

{{- /* The egress rules of one component. Input: dict state component. Output: YAML list. */ -}}
{{- define "aaoi-netpol.egressRules" -}}
{{- $s := .state -}}
{{- $c := .component -}}
{{- $rules := list -}}
{{- if $s.outbound.dns.peers -}}
{{- $rules = append $rules (dict "to" $s.outbound.dns.peers "ports" (list (dict "protocol" "UDP" "port" 53) (dict "protocol" "TCP" "port" 53))) -}}
{{- end -}}
{{- range $s.flows -}}
{{- if and (eq .from $c) (hasKey $s.deployed .to) -}}
{{- $peers := list (dict "podSelector" (dict "matchLabels" (index $s.labels .to))) -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "to" "peers" $peers "ports" .ports) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- range $name := list "apiManagement" "externalElasticsearch" -}}
{{- $out := index $s.outbound $name -}}
{{- if and $out.peers (or (ne $name "apiManagement") (eq $c "apibuilder4elastic")) -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "to" "peers" $out.peers "ports" $out.ports) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- toYaml (concat $rules $s.extraEgress) -}}
{{- end -}}

{{- /* One NetworkPolicy document. Input: dict root state component direction ("ingress" or "egress"). */ -}}
{{- define "aaoi-netpol.policy" -}}
{{- $root := .root -}}
{{- $c := .component -}}
{{- $dir := .direction -}}
{{- $rules := include (printf "aaoi-netpol.%sRules" $dir) (dict "state" .state "component" $c) | fromYamlArray -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "aaoi-netpol.name" (dict "root" $root "component" $c "suffix" $dir) }}
  labels:
    {{- include "aaoi-netpol.labels" (dict "root" $root "component" $c "direction" $dir) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- toYaml (index .state.labels $c) | nindent 6 }}
  policyTypes:
    - {{ title $dir }}
  {{- if $rules }}
  {{ $dir }}:
    {{- toYaml $rules | nindent 4 }}
  {{- else }}
  {{ $dir }}: []
  {{- end }}
{{- end -}}
