{{- /*
aaoi-netpol overlay: everything the policies need, computed once per render.

Output (YAML):
  enabled, egress: the networkPolicy and networkPolicy.egress switches
  components: the catalog's component names, in order
  deployed: {component: true} for the components the chart deploys
  ingress: {component: true} for the components whose Ingress is rendered
  labels: {component: matchLabels of its pods}
  ports: {port key: number}
  roles: {role: peers} for ingressController, apiGateways, adminNodeManagers,
         monitoring and helmTest (any pod of the release namespace, only
         with allowHelmTest)
  flows: the catalog's flows that hold here: {from, to, ports: [numbers]}
  outbound: {dns, apiManagement, externalElasticsearch: {peers, ports}}
  extraIngress: {component: rules}, extraEgress: rules
Input: root.
*/ -}}
{{- define "aaoi-netpol.state" -}}
{{- $root := . -}}
{{- $catalog := include "aaoi-netpol.catalog" . | fromYaml -}}
{{- $np := include "aaoi-netpol.values" $root | fromYaml -}}
{{- $s := dict "enabled" (eq (toString (dig "enabled" false $np)) "true") "egress" (eq (toString (dig "egress" "enabled" false $np)) "true") -}}
{{- $names := list -}}
{{- $deployed := dict -}}
{{- $ingress := dict -}}
{{- $labels := dict -}}
{{- $extraIngress := dict -}}
{{- range $c := $catalog.components -}}
{{- $names = append $names $c.name -}}
{{- $args := dict "root" $root "component" $c.name -}}
{{- if include "aaoi-netpol.componentEnabled" $args -}}
{{- $_ := set $deployed $c.name true -}}
{{- $_ := set $labels $c.name (include "aaoi-netpol.podLabels" $args | fromYaml) -}}
{{- if and $c.hasIngress (include "aaoi-netpol.ingressObjectEnabled" $args) -}}
{{- $_ := set $ingress $c.name true -}}
{{- end -}}
{{- end -}}
{{- $_ := set $extraIngress $c.name (include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list $c.npKey "extraIngress")) | fromYamlArray) -}}
{{- end -}}
{{- $ports := dict -}}
{{- range $p := $catalog.ports -}}
{{- $_ := set $ports $p.key (include "aaoi-netpol.port" (dict "root" $root "spec" $p) | int) -}}
{{- end -}}
{{- $roles := dict -}}
{{- $nginx := list (dict "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" "ingress-nginx")) "podSelector" (dict "matchLabels" (dict "app.kubernetes.io/name" "ingress-nginx"))) -}}
{{- $_ := set $roles "ingressController" (include "aaoi-netpol.peerList" (dict "root" $root "path" (list "ingressController") "default" $nginx) | fromYamlArray) -}}
{{- range $role := list "apiGateways" "adminNodeManagers" "monitoring" -}}
{{- $_ := set $roles $role (include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list $role)) | fromYamlArray) -}}
{{- end -}}
{{- $helmTest := eq (toString (dig "allowHelmTest" false $np)) "true" -}}
{{- $_ := set $roles "helmTest" (ternary (list (dict "podSelector" dict)) list $helmTest) -}}
{{- $flows := list -}}
{{- range $f := $catalog.flows -}}
{{- $holds := and (hasKey $deployed $f.to) (or (not (has $f.from $names)) (hasKey $deployed $f.from)) -}}
{{- if eq (toString $f.when) "ingress" -}}{{- $holds = and $holds (hasKey $ingress $f.to) -}}{{- end -}}
{{- if eq (toString $f.when) "allowHelmTest" -}}{{- $holds = and $holds $helmTest -}}{{- end -}}
{{- if $holds -}}
{{- $numbers := list -}}
{{- range $f.ports -}}{{- $numbers = append $numbers (index $ports .) -}}{{- end -}}
{{- $flows = append $flows (dict "from" $f.from "to" $f.to "ports" ($numbers | uniq)) -}}
{{- end -}}
{{- end -}}
{{- $dns := list (dict "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" "kube-system")) "podSelector" (dict "matchLabels" (dict "k8s-app" "kube-dns"))) -}}
{{- $outbound := dict "dns" (dict "peers" (include "aaoi-netpol.peerList" (dict "root" $root "path" (list "egress" "dns") "default" $dns) | fromYamlArray) "ports" list) -}}
{{- $_ := set $outbound "apiManagement" (include "aaoi-netpol.apiManagementPorts" $root | fromYaml) -}}
{{- $_ := set $outbound.apiManagement "peers" (include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "egress" "apiManagement")) | fromYamlArray) -}}
{{- $_ := set $outbound "externalElasticsearch" (include "aaoi-netpol.externalElasticsearchPorts" $root | fromYaml) -}}
{{- $_ := set $outbound.externalElasticsearch "peers" (include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "egress" "externalElasticsearch")) | fromYamlArray) -}}
{{- $extraEgress := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "egress" "extraEgress")) | fromYamlArray -}}
{{- $_ := merge $s (dict "components" $names "deployed" $deployed "ingress" $ingress "labels" $labels "ports" $ports "roles" $roles "flows" $flows "outbound" $outbound "extraIngress" $extraIngress "extraEgress" $extraEgress) -}}
{{- toYaml $s -}}
{{- end -}}
