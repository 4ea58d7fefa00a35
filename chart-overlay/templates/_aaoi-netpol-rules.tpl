{{- /*
aaoi-netpol overlay: the flows AAOI needs, as NetworkPolicy rules.

Ingress (to the component, on its container port):
  elasticsearch       <- elasticsearch (http, transport), kibana, logstash,
                         apibuilder4elastic, filebeat, apm-server (http),
                         ingress controller when elasticsearch.ingress.enabled,
                         monitoring (http), the release namespace when
                         allowHelmTest (http), extraIngress
  kibana              <- ingress controller when kibana.ingress.enabled, extraIngress
  logstash            <- filebeat (beats), apiGateways (beats), monitoring (http), extraIngress
  apibuilder4elastic  <- logstash, adminNodeManagers, ingress controller when
                         apibuilder4elastic.ingress.enabled, extraIngress
  filebeat            <- monitoring (5066), extraIngress
  apm-server          <- apibuilder4elastic, apiGateways, extraIngress
Egress (with networkPolicy.egress.enabled), for every component: DNS,
externalElasticsearch, extraEgress, and its in-release targets:
  elasticsearch -> elasticsearch (http, transport)
  kibana, apm-server -> elasticsearch (http)
  logstash -> elasticsearch (http), apibuilder4elastic
  apibuilder4elastic -> elasticsearch (http), apm-server, apiManagement
  filebeat -> logstash (beats), elasticsearch (http)
Sources and targets that are not deployed add no rule; an empty peer list
adds no rule (an empty "from"/"to" would mean everyone).
*/ -}}

{{- /* The state every rule helper needs. Input: root. Output: YAML {deployed, peers, ports}. */ -}}
{{- define "aaoi-netpol.state" -}}
{{- $root := . -}}
{{- $on := dict -}}
{{- $peer := dict -}}
{{- range $c := include "aaoi-netpol.components" $root | fromYamlArray -}}
{{- if include "aaoi-netpol.componentEnabled" (dict "root" $root "component" $c) -}}
{{- $_ := set $on $c true -}}
{{- $_ := set $peer $c (include "aaoi-netpol.componentPeer" (dict "root" $root "component" $c) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- $port := dict -}}
{{- range $p := list "es-http" "es-transport" "kibana-http" "logstash-beats" "logstash-http" "apibuilder4elastic" "apm-server" "filebeat-metrics" -}}
{{- $_ := set $port $p (include "aaoi-netpol.port" (dict "root" $root "port" $p) | int) -}}
{{- end -}}
{{- toYaml (dict "deployed" $on "peers" $peer "ports" $port) -}}
{{- end -}}

{{- /* One rule. Input: dict key ("from"/"to") peers ports (list of TCP port numbers, empty = any). */ -}}
{{- define "aaoi-netpol.rule" -}}
{{- $rule := dict .key .peers -}}
{{- if .ports -}}
{{- $_ := set $rule "ports" (include "aaoi-netpol.tcpPorts" .ports | fromYamlArray) -}}
{{- end -}}
{{- toYaml $rule -}}
{{- end -}}

{{- /* The ingress rules of one component. Input: dict root component. Output: YAML list. */ -}}
{{- define "aaoi-netpol.ingressRules" -}}
{{- $root := .root -}}
{{- $c := .component -}}
{{- $s := include "aaoi-netpol.state" $root | fromYaml -}}
{{- $on := $s.deployed -}}
{{- $peer := $s.peers -}}
{{- $port := $s.ports -}}
{{- $np := include "aaoi-netpol.values" $root | fromYaml -}}
{{- $ingressController := include "aaoi-netpol.ingressControllerPeers" $root | fromYamlArray -}}
{{- $apiGateways := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "apiGateways")) | fromYamlArray -}}
{{- $adminNodeManagers := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "adminNodeManagers")) | fromYamlArray -}}
{{- $monitoring := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "monitoring")) | fromYamlArray -}}
{{- $hasIngress := include "aaoi-netpol.ingressObjectEnabled" (dict "root" $root "component" $c) -}}
{{- $flows := list -}}

{{- if eq $c "elasticsearch" -}}
{{- $http := index $port "es-http" -}}
{{- $flows = append $flows (dict "peers" (list (index $peer "elasticsearch")) "ports" (list $http (index $port "es-transport"))) -}}
{{- range $src := list "kibana" "logstash" "apibuilder4elastic" "filebeat" "apm-server" -}}
{{- if hasKey $on $src -}}
{{- $flows = append $flows (dict "peers" (list (index $peer $src)) "ports" (list $http)) -}}
{{- end -}}
{{- end -}}
{{- if $hasIngress -}}
{{- $flows = append $flows (dict "peers" $ingressController "ports" (list $http)) -}}
{{- end -}}
{{- $flows = append $flows (dict "peers" $monitoring "ports" (list $http)) -}}
{{- if eq (toString (dig "allowHelmTest" false $np)) "true" -}}
{{- $flows = append $flows (dict "peers" (list (dict "podSelector" dict)) "ports" (list $http)) -}}
{{- end -}}

{{- else if eq $c "kibana" -}}
{{- if $hasIngress -}}
{{- $flows = append $flows (dict "peers" $ingressController "ports" (list (index $port "kibana-http"))) -}}
{{- end -}}

{{- else if eq $c "logstash" -}}
{{- $beats := index $port "logstash-beats" -}}
{{- if hasKey $on "filebeat" -}}
{{- $flows = append $flows (dict "peers" (list (index $peer "filebeat")) "ports" (list $beats)) -}}
{{- end -}}
{{- $flows = append $flows (dict "peers" $apiGateways "ports" (list $beats)) -}}
{{- $flows = append $flows (dict "peers" $monitoring "ports" (list (index $port "logstash-http"))) -}}

{{- else if eq $c "apibuilder4elastic" -}}
{{- $abe := index $port "apibuilder4elastic" -}}
{{- if hasKey $on "logstash" -}}
{{- $flows = append $flows (dict "peers" (list (index $peer "logstash")) "ports" (list $abe)) -}}
{{- end -}}
{{- $flows = append $flows (dict "peers" $adminNodeManagers "ports" (list $abe)) -}}
{{- if $hasIngress -}}
{{- $flows = append $flows (dict "peers" $ingressController "ports" (list $abe)) -}}
{{- end -}}

{{- else if eq $c "filebeat" -}}
{{- $flows = append $flows (dict "peers" $monitoring "ports" (list (index $port "filebeat-metrics"))) -}}

{{- else if eq $c "apm-server" -}}
{{- $apm := index $port "apm-server" -}}
{{- if hasKey $on "apibuilder4elastic" -}}
{{- $flows = append $flows (dict "peers" (list (index $peer "apibuilder4elastic")) "ports" (list $apm)) -}}
{{- end -}}
{{- $flows = append $flows (dict "peers" $apiGateways "ports" (list $apm)) -}}
{{- end -}}

{{- $rules := list -}}
{{- range $flows -}}
{{- if .peers -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "from" "peers" .peers "ports" .ports) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- $extra := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list (include "aaoi-netpol.valuesKey" $c) "extraIngress")) | fromYamlArray -}}
{{- $rules = concat $rules $extra -}}
{{- toYaml $rules -}}
{{- end -}}

{{- /* The egress rules of one component. Input: dict root component. Output: YAML list. */ -}}
{{- define "aaoi-netpol.egressRules" -}}
{{- $root := .root -}}
{{- $c := .component -}}
{{- $s := include "aaoi-netpol.state" $root | fromYaml -}}
{{- $on := $s.deployed -}}
{{- $peer := $s.peers -}}
{{- $port := $s.ports -}}
{{- $http := index $port "es-http" -}}
{{- $flows := list -}}

{{- if eq $c "elasticsearch" -}}
{{- $flows = append $flows (dict "target" "elasticsearch" "ports" (list $http (index $port "es-transport"))) -}}
{{- else if or (eq $c "kibana") (eq $c "apm-server") -}}
{{- $flows = append $flows (dict "target" "elasticsearch" "ports" (list $http)) -}}
{{- else if eq $c "logstash" -}}
{{- $flows = append $flows (dict "target" "elasticsearch" "ports" (list $http)) -}}
{{- $flows = append $flows (dict "target" "apibuilder4elastic" "ports" (list (index $port "apibuilder4elastic"))) -}}
{{- else if eq $c "apibuilder4elastic" -}}
{{- $flows = append $flows (dict "target" "elasticsearch" "ports" (list $http)) -}}
{{- $flows = append $flows (dict "target" "apm-server" "ports" (list (index $port "apm-server"))) -}}
{{- else if eq $c "filebeat" -}}
{{- $flows = append $flows (dict "target" "logstash" "ports" (list (index $port "logstash-beats"))) -}}
{{- $flows = append $flows (dict "target" "elasticsearch" "ports" (list $http)) -}}
{{- end -}}

{{- $rules := list -}}
{{- $dns := include "aaoi-netpol.dnsPeers" $root | fromYamlArray -}}
{{- if $dns -}}
{{- $rules = append $rules (dict "to" $dns "ports" (list (dict "protocol" "UDP" "port" 53) (dict "protocol" "TCP" "port" 53))) -}}
{{- end -}}
{{- range $flows -}}
{{- if hasKey $on .target -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "to" "peers" (list (index $peer .target)) "ports" .ports) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- if eq $c "apibuilder4elastic" -}}
{{- $apim := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "egress" "apiManagement")) | fromYamlArray -}}
{{- if $apim -}}
{{- $p := include "aaoi-netpol.apiManagementPorts" $root | fromYaml -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "to" "peers" $apim "ports" $p.ports) | fromYaml) -}}
{{- end -}}
{{- end -}}
{{- $extEs := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "egress" "externalElasticsearch")) | fromYamlArray -}}
{{- if $extEs -}}
{{- $p := include "aaoi-netpol.externalElasticsearchPorts" $root | fromYaml -}}
{{- $rules = append $rules (include "aaoi-netpol.rule" (dict "key" "to" "peers" $extEs "ports" $p.ports) | fromYaml) -}}
{{- end -}}
{{- $extra := include "aaoi-netpol.listOrEmpty" (dict "root" $root "path" (list "egress" "extraEgress")) | fromYamlArray -}}
{{- $rules = concat $rules $extra -}}
{{- toYaml $rules -}}
{{- end -}}
