{{- /*
aaoi-netpol overlay: shared helpers.

Every helper here is named "aaoi-netpol.*" so that it can never collide with a
named template of the AAOI chart or of its subcharts (Helm's template
namespace is global). Helpers that produce data print YAML, which the caller
turns back into dicts and lists with fromYaml.

The AAOI chart ships no networkPolicy section in its values.yaml, so every key
is read with the contract's default as fallback.
*/ -}}

{{- /* The networkPolicy values section as a dict (empty when absent). Input: root. */ -}}
{{- define "aaoi-netpol.values" -}}
{{- $np := .Values.networkPolicy -}}
{{- if kindIs "map" $np -}}
{{- toYaml $np -}}
{{- else -}}
{}
{{- end -}}
{{- end -}}

{{- /*
"true" when a component is deployed. The Elastic subcharts follow Helm's
dependency condition (<name>.enabled; a missing key leaves the subchart on),
apibuilder4elastic follows the chart's own `if .Values.apibuilder4elastic.enabled`.
Input: dict root component.
*/ -}}
{{- define "aaoi-netpol.componentEnabled" -}}
{{- $vals := index .root.Values .component -}}
{{- $on := true -}}
{{- if eq .component "apibuilder4elastic" -}}
{{- $on = and (kindIs "map" $vals) (not (empty (index $vals "enabled"))) -}}
{{- else if and (kindIs "map" $vals) (kindIs "bool" (index $vals "enabled")) -}}
{{- $on = index $vals "enabled" -}}
{{- end -}}
{{- if $on -}}true{{- end -}}
{{- end -}}

{{- /*
"true" when the component's Ingress object is rendered (for a component that has one: the state asks only
those): the chart tests `if .ingress.enabled`. Input: dict root component.
*/ -}}
{{- define "aaoi-netpol.ingressObjectEnabled" -}}
{{- $vals := index .root.Values .component -}}
{{- if kindIs "map" $vals -}}
{{- $ingress := index $vals "ingress" -}}
{{- if and (kindIs "map" $ingress) (not (empty (index $ingress "enabled"))) -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{- /*
The Ingress class serving a component's Ingress object: the kubernetes.io/ingress.class annotation of
<component>.ingress.annotations when it is a non-empty string, else <component>.ingress.className (here
.Values.<subchart> already holds the subchart's own default) when it is one; empty for none.
Input: dict root component (the values key). Output: the class name.
*/ -}}
{{- define "aaoi-netpol.ingressClass" -}}
{{- $vals := index .root.Values .component -}}
{{- $ingress := dict -}}
{{- if kindIs "map" $vals -}}
{{- $found := index $vals "ingress" -}}
{{- if kindIs "map" $found -}}{{- $ingress = $found -}}{{- end -}}
{{- end -}}
{{- $class := "" -}}
{{- $annotations := index $ingress "annotations" -}}
{{- if kindIs "map" $annotations -}}
{{- $annotated := index $annotations "kubernetes.io/ingress.class" -}}
{{- if kindIs "string" $annotated -}}{{- $class = $annotated -}}{{- end -}}
{{- end -}}
{{- if not $class -}}
{{- $named := index $ingress "className" -}}
{{- if kindIs "string" $named -}}{{- $class = $named -}}{{- end -}}
{{- end -}}
{{- $class -}}
{{- end -}}

{{- /*
The matchLabels that select a component's pods: the smallest label set the
component's own workload selects on. Names come from the chart's own named
templates, never from re-implemented naming rules: the helper builds a context
that looks like the one the subchart's templates receive (in a parent
template, .Values.<subchart> already holds the subchart's defaults merged with
the user's values) and includes the naming template, which the parent chart
may have redefined, so the result is the name the subchart's pods get.
Input: dict root component. Output: YAML map.
*/ -}}
{{- define "aaoi-netpol.podLabels" -}}
{{- $root := .root -}}
{{- $c := .component -}}
{{- $sub := index $root.Values $c -}}
{{- if not (kindIs "map" $sub) -}}{{- $sub = dict -}}{{- end -}}
{{- $ctx := dict "Values" $sub "Release" $root.Release "Chart" (dict "Name" $c) "Capabilities" $root.Capabilities "Template" $root.Template "Files" $root.Files -}}
{{- $labels := dict -}}
{{- if eq $c "elasticsearch" -}}
{{- $_ := set $labels "app" (include "elasticsearch.uname" $ctx | trim) -}}
{{- else if eq $c "kibana" -}}
{{- $_ := set $labels "app" "kibana" -}}
{{- $_ := set $labels "release" $root.Release.Name -}}
{{- else if eq $c "logstash" -}}
{{- $_ := set $labels "app" (include "logstash.fullname" $ctx | trim) -}}
{{- $_ := set $labels "release" $root.Release.Name -}}
{{- else if eq $c "filebeat" -}}
{{- $_ := set $labels "app" (include "filebeat.fullname" $ctx | trim) -}}
{{- $_ := set $labels "release" $root.Release.Name -}}
{{- else if eq $c "apm-server" -}}
{{- $_ := set $labels "app" "apm-server" -}}
{{- $_ := set $labels "release" $root.Release.Name -}}
{{- else if eq $c "apibuilder4elastic" -}}
{{- $_ := set $labels "app.kubernetes.io/component" "apibuilder4elastic" -}}
{{- $_ := set $labels "app.kubernetes.io/name" (include "apim4elastic.name" $root | trim) -}}
{{- $_ := set $labels "app.kubernetes.io/instance" $root.Release.Name -}}
{{- end -}}
{{- toYaml $labels -}}
{{- end -}}

{{- /* An integer from a value when it is a whole number, else the fallback. Input: dict value fallback. */ -}}
{{- define "aaoi-netpol.intOr" -}}
{{- $s := toString .value -}}
{{- if regexMatch "^[0-9]+$" $s -}}{{ $s }}{{- else -}}{{ .fallback }}{{- end -}}
{{- end -}}

{{- /*
One AAOI port number, read from the values at the catalog's path (a whole
number, else the catalog's default). The logstash beats port is the
targetPort of the "beats" entry of logstash.service.ports, else the
containerPort of the "beats" entry of logstash.extraPorts.
Input: dict root spec (a catalog port). Output: the number.
*/ -}}
{{- define "aaoi-netpol.port" -}}
{{- $cur := .root.Values -}}
{{- range .spec.path -}}
{{- if and (kindIs "map" $cur) (hasKey $cur .) -}}
{{- $cur = index $cur . -}}
{{- else -}}
{{- $cur = "" -}}
{{- end -}}
{{- end -}}
{{- $port := "" -}}
{{- if eq .spec.key "logstash-beats" -}}
{{- $logstash := index .root.Values "logstash" -}}
{{- $extra := list -}}
{{- if kindIs "map" $logstash -}}{{- $extra = dig "extraPorts" list $logstash -}}{{- end -}}
{{- range $pair := list (list $cur "targetPort") (list $extra "containerPort") -}}
{{- if kindIs "slice" (index $pair 0) -}}
{{- range (index $pair 0) -}}
{{- if and (not $port) (kindIs "map" .) (eq (toString (get . "name")) "beats") -}}
{{- $port = include "aaoi-netpol.intOr" (dict "value" (get . (index $pair 1)) "fallback" "") -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- else if .spec.path -}}
{{- $port = include "aaoi-netpol.intOr" (dict "value" $cur "fallback" "") -}}
{{- end -}}
{{- default (toString (int .spec.default)) $port -}}
{{- end -}}

{{- /* A NetworkPolicyPort list. Input: list of port numbers (TCP). Output: YAML list. */ -}}
{{- define "aaoi-netpol.tcpPorts" -}}
{{- $out := list -}}
{{- range . -}}
{{- $out = append $out (dict "protocol" "TCP" "port" (int .)) -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{- /*
A list of peers from networkPolicy, with the contract's default when the key
is absent or null; a list given by the user (even empty) is used as written.
Input: dict root path (list of keys under networkPolicy) default (list).
Output: YAML list.
*/ -}}
{{- define "aaoi-netpol.peerList" -}}
{{- $np := include "aaoi-netpol.values" .root | fromYaml -}}
{{- $cur := $np -}}
{{- $found := true -}}
{{- range .path -}}
{{- if and $found (kindIs "map" $cur) (hasKey $cur .) -}}
{{- $cur = index $cur . -}}
{{- else -}}
{{- $found = false -}}
{{- end -}}
{{- end -}}
{{- if and $found (kindIs "slice" $cur) -}}
{{- toYaml $cur -}}
{{- else -}}
{{- toYaml .default -}}
{{- end -}}
{{- end -}}

{{- /* A role or escape-hatch list (default empty). Input: dict root path. */ -}}
{{- define "aaoi-netpol.listOrEmpty" -}}
{{- include "aaoi-netpol.peerList" (dict "root" .root "path" .path "default" list) -}}
{{- end -}}

{{- /*
The ports named in a list of URLs. Each item may hold several comma-separated
URLs, each optionally prefixed by "group|" (apibuilder4elastic's multi
API-Manager form). A URL without an explicit port makes the result
unrestricted, because its port depends on the client's scheme defaults.
Input: list of values (non-strings are ignored).
Output: YAML {ports: [..], unrestricted: bool}.
*/ -}}
{{- define "aaoi-netpol.urlPorts" -}}
{{- $ports := list -}}
{{- $unrestricted := false -}}
{{- range $item := . -}}
{{- if kindIs "string" $item -}}
{{- range $u := splitList "," $item -}}
{{- $u = trim $u -}}
{{- $u = regexReplaceAll "^[^|]*\\|" $u "" | trim -}}
{{- if $u -}}
{{- $hostport := regexReplaceAll "^[a-zA-Z][a-zA-Z0-9+.-]*://" $u "" -}}
{{- $hostport = regexReplaceAll "[/?#].*$" $hostport "" -}}
{{- $hostport = regexReplaceAll "^.*@" $hostport "" -}}
{{- $port := regexFind ":[0-9]+$" $hostport | trimPrefix ":" -}}
{{- if $port -}}
{{- $ports = append $ports (int $port) -}}
{{- else -}}
{{- $unrestricted = true -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml (dict "ports" ($ports | uniq) "unrestricted" $unrestricted) -}}
{{- end -}}

{{- /* Ports for the API-Management peers, from apibuilder4elastic.anmUrl/apimgrUrl. Input: root. */ -}}
{{- define "aaoi-netpol.apiManagementPorts" -}}
{{- $abe := index .Values "apibuilder4elastic" | default dict -}}
{{- $anm := dig "anmUrl" "" $abe -}}
{{- $apimgr := dig "apimgrUrl" "" $abe -}}
{{- if not (kindIs "string" $anm) -}}{{- $anm = "" -}}{{- end -}}
{{- if not (kindIs "string" $apimgr) -}}{{- $apimgr = "" -}}{{- end -}}
{{- $r := include "aaoi-netpol.urlPorts" (list $anm $apimgr) | fromYaml -}}
{{- if and (trim $anm) (not (trim $apimgr)) -}}
{{- $_ := set $r "ports" (append $r.ports 8075 | uniq) -}}
{{- end -}}
{{- if or (not $r.ports) $r.unrestricted -}}
{{- $_ := set $r "ports" list -}}
{{- $_ := set $r "unrestricted" true -}}
{{- end -}}
{{- toYaml $r -}}
{{- end -}}

{{- /* Ports for external Elasticsearch peers, from global.elasticsearchHosts. Input: root. */ -}}
{{- define "aaoi-netpol.externalElasticsearchPorts" -}}
{{- $global := index .Values "global" | default dict -}}
{{- $hosts := dig "elasticsearchHosts" "" $global -}}
{{- $r := include "aaoi-netpol.urlPorts" (list $hosts) | fromYaml -}}
{{- if or (not $r.ports) $r.unrestricted -}}
{{- $_ := set $r "ports" list -}}
{{- $_ := set $r "unrestricted" true -}}
{{- end -}}
{{- toYaml $r -}}
{{- end -}}

{{- /*
A NetworkPolicy name: aaoi-netpol-<release>-<component>-<suffix>, the release
part shortened so the whole name stays within 253 characters and the suffix
always survives. Input: dict root component suffix.
*/ -}}
{{- define "aaoi-netpol.name" -}}
{{- $fixed := printf "aaoi-netpol--%s-%s" .component .suffix -}}
{{- $rel := .root.Release.Name | trunc (int (sub 253 (len $fixed))) | trimSuffix "-" | trimSuffix "." -}}
{{- printf "aaoi-netpol-%s-%s-%s" $rel .component .suffix -}}
{{- end -}}

{{- /* Labels of every object aaoi-netpol renders. Input: dict root component direction. */ -}}
{{- define "aaoi-netpol.labels" -}}
app.kubernetes.io/managed-by: {{ .root.Release.Service | quote }}
app.kubernetes.io/instance: {{ .root.Release.Name | trunc 63 | trimSuffix "-" | quote }}
aaoi-netpol/generated: "true"
aaoi-netpol/component: {{ .component | quote }}
aaoi-netpol/direction: {{ .direction | quote }}
{{- end -}}
