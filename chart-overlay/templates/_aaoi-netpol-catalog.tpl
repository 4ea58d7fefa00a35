{{- /*
aaoi-netpol overlay: what AAOI is made of and who must reach whom, as data.

This is the overlay's copy of the AAOI model (aaoi_netpol/model in the
Python package): the components, the ports (where the values set them, and
AAOI's number otherwise) and the flow table. A test renders this template
and compares it with the Python model, so the two cannot drift.

A flow {from, to, ports, when} opens the ports of "to" to "from". "from" is a
component or a role (a list under networkPolicy); "when" is "ingress" (only
while the target's Ingress object is rendered) or "allowHelmTest". The same
table makes both directions: a component's ingress rules are the flows that
target it, its egress rules (egress restricted) the in-release flows it starts.
*/ -}}
{{- define "aaoi-netpol.catalog" -}}
components:
  - {name: elasticsearch, valuesKey: elasticsearch, npKey: elasticsearch, subchart: true, hasIngress: true}
  - {name: kibana, valuesKey: kibana, npKey: kibana, subchart: true, hasIngress: true}
  - {name: logstash, valuesKey: logstash, npKey: logstash, subchart: true, hasIngress: false}
  - {name: apibuilder4elastic, valuesKey: apibuilder4elastic, npKey: apibuilder4elastic, subchart: false, hasIngress: true}
  - {name: filebeat, valuesKey: filebeat, npKey: filebeat, subchart: true, hasIngress: false}
  - {name: apm-server, valuesKey: apm-server, npKey: apmServer, subchart: true, hasIngress: false}
ports:
  - {key: es-http, path: [elasticsearch, httpPort], default: 9200}
  - {key: es-transport, path: [elasticsearch, transportPort], default: 9300}
  - {key: kibana-http, path: [kibana, httpPort], default: 5601}
  - {key: logstash-beats, path: [logstash, service, ports], default: 5044}
  - {key: logstash-http, path: [logstash, httpPort], default: 9600}
  - {key: apibuilder4elastic, path: [apibuilder4elastic, port], default: 8443}
  - {key: apm-server, path: [apm-server, service, port], default: 8200}
  - {key: filebeat-metrics, path: [], default: 5066}
flows:
  - {from: elasticsearch, to: elasticsearch, ports: [es-http, es-transport]}
  - {from: kibana, to: elasticsearch, ports: [es-http]}
  - {from: logstash, to: elasticsearch, ports: [es-http]}
  - {from: apibuilder4elastic, to: elasticsearch, ports: [es-http]}
  - {from: filebeat, to: elasticsearch, ports: [es-http]}
  - {from: apm-server, to: elasticsearch, ports: [es-http]}
  - {from: filebeat, to: logstash, ports: [logstash-beats]}
  - {from: logstash, to: apibuilder4elastic, ports: [apibuilder4elastic]}
  - {from: apibuilder4elastic, to: apm-server, ports: [apm-server]}
  - {from: adminNodeManagers, to: apibuilder4elastic, ports: [apibuilder4elastic]}
  - {from: ingressController, to: elasticsearch, ports: [es-http], when: ingress}
  - {from: ingressController, to: kibana, ports: [kibana-http], when: ingress}
  - {from: ingressController, to: apibuilder4elastic, ports: [apibuilder4elastic], when: ingress}
  - {from: apiGateways, to: logstash, ports: [logstash-beats]}
  - {from: apiGateways, to: apm-server, ports: [apm-server]}
  - {from: monitoring, to: elasticsearch, ports: [es-http]}
  - {from: monitoring, to: logstash, ports: [logstash-http]}
  - {from: monitoring, to: filebeat, ports: [filebeat-metrics]}
  - {from: helmTest, to: elasticsearch, ports: [es-http], when: allowHelmTest}
{{- end -}}
