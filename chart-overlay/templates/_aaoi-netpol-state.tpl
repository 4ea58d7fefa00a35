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
         with allowHelmTest); ingressController given as a map of Ingress
         class to peers stands for every peer it names
  ingressClasses: {component: the class serving its Ingress} for the components whose Ingress is rendered
  ingressPeers: {component: the Ingress controller peers admitted to it}: the
         list form (or the default) for every class, the map form only its
         own class's list (none when the map does not name it)
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
{{- $controllers := index $np "ingressController" -}}
{{- if kindIs "map" $controllers -}}
{{- $union := list -}}
{{- range $class, $peers := $controllers -}}
{{- if kindIs "slice" $peers -}}{{- $union = concat $union $peers -}}{{- end -}}
{{- end -}}
{{- $_ := set $roles "ingressController" ($union | uniq) -}}
{{- else -}}
{{- $_ := set $roles "ingressController" (include "aaoi-netpol.peerList" (dict "root" $root "path" (list "ingressController") "default" $nginx) | fromYamlArray) -}}
{{- end -}}
{{- $ingressClasses := dict -}}
{{- $ingressPeers := dict -}}
{{- range $c := $catalog.components -}}
{{- if hasKey $ingress $c.name -}}
{{- $class := include "aaoi-netpol.ingressClass" (dict "root" $root "component" $c.valuesKey) -}}
{{- $_ := set $ingressClasses $c.name $class -}}
{{- if kindIs "map" $controllers -}}
{{- $peers := list -}}
{{- if and $class (hasKey $controllers $class) (kindIs "slice" (index $controllers $class)) -}}
{{- $peers = index $controllers $class -}}
{{- end -}}
{{- $_ := set $ingressPeers $c.name $peers -}}
{{- else -}}
{{- $_ := set $ingressPeers $c.name (index $roles "ingressController") -}}
{{- end -}}
{{- end -}}
{{- end -}}
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
{{- $_ := merge $s (dict "components" $names "deployed" $deployed "ingress" $ingress "labels" $labels "ports" $ports "roles" $roles "ingressClasses" $ingressClasses "ingressPeers" $ingressPeers "flows" $flows "outbound" $outbound "extraIngress" $extraIngress "extraEgress" $extraEgress) -}}
{{- toYaml $s -}}
{{- end -}}
