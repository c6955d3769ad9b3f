{{/* Names of the release's objects: <release>-<component>. */}}
{{- define "opence.name" -}}
{{- printf "%s-%s" (.root.Release.Name | trunc 30 | trimSuffix "-") .component -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "opence.labels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: open-cloud-exchange
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
opence.org/tier: {{ .tier }}
{{- end -}}

{{/* Labels that select the pods of one component. */}}
{{- define "opence.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The port each service listens on; fixed by the images (Dockerfile.jvm). */}}
{{- define "opence.port" -}}
{{- index (dict "tenant-service" 8081 "core-service" 8082 "cte-service" 8083 "cto-service" 8084 "cre-service" 8085 "cls-service" 8086) . -}}
{{- end -}}

{{/* Secret names. */}}
{{- define "opence.credentialsSecret" -}}
{{- .Values.credentials.existingSecret | default (include "opence.name" (dict "root" . "component" "credentials")) -}}
{{- end -}}
{{- define "opence.tlsSecret" -}}
{{- .Values.gateway.tls.existingSecret | default (include "opence.name" (dict "root" . "component" "tls")) -}}
{{- end -}}

{{/* DNS name of a pod of a StatefulSet behind its headless service. */}}
{{- define "opence.podHost" -}}
{{- printf "%s-%d.%s-headless.%s.svc.%s" .name .ordinal .name .root.Release.Namespace .root.Values.clusterDomain -}}
{{- end -}}

{{/* Members of the bundled MongoDB replica set, host:port, comma-separated. */}}
{{- define "opence.mongodbHosts" -}}
{{- $name := include "opence.name" (dict "root" . "component" "mongodb") -}}
{{- $hosts := list -}}
{{- range $i := until (int .Values.mongodb.replicas) -}}
{{- $hosts = append $hosts (printf "%s:27017" (include "opence.podHost" (dict "root" $ "name" $name "ordinal" $i))) -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/* Image of a service. */}}
{{- define "opence.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.prefix .component (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* Pod settings every Deployment and StatefulSet of the release shares. */}}
{{- define "opence.podCommon" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .root.Values.spreadAcrossNodes }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "opence.selector" . | nindent 8 }}
{{- end }}
{{- end -}}

{{/*
Environment of every service but the gateway: where MongoDB and RabbitMQ are, and how the service
uses them. The passwords come from the credentials Secret; Kubernetes puts them into the URIs.
*/}}
{{- define "opence.storeEnv" -}}
{{- $secret := include "opence.credentialsSecret" . -}}
{{- if .Values.mongodb.bundled }}
- name: MONGODB_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: mongodb-password } }
- name: CE_MONGODB_URI
  value: {{ printf "mongodb://%s:$(MONGODB_PASSWORD)@%s/?replicaSet=rs0&authSource=admin" .Values.mongodb.username (include "opence.mongodbHosts" .) | quote }}
{{- else }}
- name: CE_MONGODB_URI
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: mongodb-uri } }
{{- end }}
{{- if .Values.rabbitmq.bundled }}
- name: RABBITMQ_PASSWORD
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: rabbitmq-password } }
- name: CE_RABBITMQ_URL
  value: {{ printf "amqp://%s:$(RABBITMQ_PASSWORD)@%s:5672/%%2f" .Values.rabbitmq.username (include "opence.name" (dict "root" . "component" "rabbitmq")) | quote }}
{{- else }}
- name: CE_RABBITMQ_URL
  valueFrom: { secretKeyRef: { name: {{ $secret }}, key: rabbitmq-url } }
{{- end }}
- name: CE_BUS_QUEUE_TYPE
  value: {{ .Values.bus.queueType | quote }}
{{- end -}}

{{/* Environment of every service and the gateway. */}}
{{- define "opence.commonEnv" -}}
- name: CE_HTTP_HOST
  value: 0.0.0.0
- name: CE_DATA_DIR
  value: /opt/opence/data
- name: CE_PUBLIC_URL
  value: {{ include "opence.publicUrl" . | quote }}
- name: CE_HTTP_TRUSTED_PROXIES
  value: {{ .Values.podNetwork | quote }}
- name: CE_LOG_JSON
  value: {{ .Values.log.json | quote }}
- name: CE_LOG_LEVEL
  value: {{ .Values.log.level | quote }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Probes of a Quarkus application on the named port: started, alive, ready. */}}
{{- define "opence.probes" -}}
startupProbe:
  httpGet: { path: /q/health/started, port: {{ . }} }
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet: { path: /q/health/live, port: {{ . }} }
  periodSeconds: 15
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /q/health/ready, port: {{ . }} }
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}

{{/* rabbitmq.conf additions of the bundled broker. */}}
{{- define "opence.rabbitmqConf" -}}
{{- $name := include "opence.name" (dict "root" . "component" "rabbitmq") -}}
cluster_formation.peer_discovery_backend = classic_config
{{- range $i := until (int .Values.rabbitmq.replicas) }}
cluster_formation.classic_config.nodes.{{ add $i 1 }} = rabbit@{{ include "opence.podHost" (dict "root" $ "name" $name "ordinal" $i) }}
{{- end }}
# A node cut off from the majority stops serving rather than diverging.
cluster_partition_handling = pause_minority
# Spread quorum queue leaders over the nodes.
queue_leader_locator = balanced
# Block publishers before the disk fills up.
disk_free_limit.absolute = 1GB
{{- end -}}

{{/* The address users open the console at: publicUrl, else the ingress host, else localhost. */}}
{{- define "opence.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{ .Values.publicUrl }}
{{- else if .Values.ingress.enabled -}}
{{ printf "https://%s" .Values.ingress.host }}
{{- else -}}
https://localhost:8443
{{- end -}}
{{- end -}}
