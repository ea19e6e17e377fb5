{{- /* Why: names, labels and derived values shared by every template of the olares-desktop chart. */ -}}

{{- define "olares-desktop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- /* Release-qualified name; collapses to the release name when it already contains the chart name. */ -}}
{{- define "olares-desktop.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "olares-desktop.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "olares-desktop.selectorLabels" -}}
app.kubernetes.io/name: {{ include "olares-desktop.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "olares-desktop.labels" -}}
helm.sh/chart: {{ include "olares-desktop.chart" . }}
{{ include "olares-desktop.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: olares
{{- end }}

{{- define "olares-desktop.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "olares-desktop.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- /* Cluster-scoped objects (ClusterRole, ClusterRoleBinding) carry the namespace so that two releases of the same name in different namespaces do not collide. */ -}}
{{- define "olares-desktop.clusterName" -}}
{{- printf "%s-%s" (include "olares-desktop.fullname" .) .Release.Namespace }}
{{- end }}

{{- define "olares-desktop.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- /* PUBLIC_ORIGIN: the explicit value, else https://<ingress.host> when the ingress is on, else empty. */ -}}
{{- define "olares-desktop.publicOrigin" -}}
{{- if .Values.publicOrigin }}
{{- .Values.publicOrigin }}
{{- else if and .Values.ingress.enabled .Values.ingress.host }}
{{- printf "https://%s" .Values.ingress.host }}
{{- end }}
{{- end }}

{{- define "olares-desktop.claimName" -}}
{{- default (printf "%s-data" (include "olares-desktop.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}
