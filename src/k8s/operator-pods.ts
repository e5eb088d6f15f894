/**
 * Pods that operators create from custom resources: a Prometheus, an Elasticsearch, a Kafka. The
 * manifests show no pod template for them, yet Services and PodDisruptionBudgets are written against
 * their pods. For the common operators this knows the labels each pod gets (from the operators' own
 * source); for any other custom resource it can only say whether the resource could own the pods.
 */
import { apiGroup, isRecord, type Resource } from "../manifests/resource.js";
import { type LabelSelector, selectorMatches } from "./selector.js";

/** One group of pods an operator runs for a resource, as selectors see it. */
export interface OperatorPodGroup {
  /** labels with values the manifest determines (the resource's name, fixed values, its pod metadata) */
  readonly labels: Readonly<Record<string, string>>;
  /** keys of labels the operator sets with values the manifest does not show (shard, role, pod name) */
  readonly open: ReadonlySet<string>;
}

interface OperatorKnowledge {
  readonly group: string;
  readonly kinds: readonly string[];
  /** labels every pod of the resource gets, by the resource's name and kind */
  readonly labels: (resource: Resource) => Record<string, string>;
  readonly open: readonly string[];
  /** where the resource carries extra pod labels: pointer-like paths, `*` for every item of a list */
  readonly podLabelPaths: readonly string[];
}

/** What every StatefulSet-backed operator's pods also carry. */
const STATEFULSET_OPEN = ["controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"];

/** prometheus-operator: the StatefulSet's labels (pkg/prometheus, pkg/alertmanager, pkg/thanos). */
function prometheusOperator(appName: string, legacyKey: string) {
  return (resource: Resource) => ({
    "app.kubernetes.io/name": appName,
    "app.kubernetes.io/instance": resource.name,
    "app.kubernetes.io/managed-by": "prometheus-operator",
    "operator.prometheus.io/name": resource.name,
    [legacyKey]: resource.name,
    // before v0.58 the operator also set app=<name of the application>
    app: appName,
  });
}

const KNOWN: readonly OperatorKnowledge[] = [
  {
    group: "monitoring.coreos.com",
    kinds: ["Prometheus"],
    labels: prometheusOperator("prometheus", "prometheus"),
    open: ["operator.prometheus.io/shard", ...STATEFULSET_OPEN],
    podLabelPaths: ["spec/podMetadata/labels"],
  },
  {
    group: "monitoring.coreos.com",
    kinds: ["PrometheusAgent"],
    labels: prometheusOperator("prometheus-agent", "prometheus"),
    open: ["operator.prometheus.io/shard", "operator.prometheus.io/mode", ...STATEFULSET_OPEN],
    podLabelPaths: ["spec/podMetadata/labels"],
  },
  {
    group: "monitoring.coreos.com",
    kinds: ["Alertmanager"],
    labels: prometheusOperator("alertmanager", "alertmanager"),
    open: STATEFULSET_OPEN,
    podLabelPaths: ["spec/podMetadata/labels"],
  },
  {
    group: "monitoring.coreos.com",
    kinds: ["ThanosRuler"],
    labels: prometheusOperator("thanos-ruler", "thanos-ruler"),
    open: STATEFULSET_OPEN,
    podLabelPaths: ["spec/podMetadata/labels"],
  },
  // Elastic Cloud on Kubernetes: <product>.k8s.elastic.co/<cluster-name|name> and common.k8s.elastic.co/type
  {
    group: "elasticsearch.k8s.elastic.co",
    kinds: ["Elasticsearch"],
    labels: (r) => ({ "elasticsearch.k8s.elastic.co/cluster-name": r.name, "common.k8s.elastic.co/type": "elasticsearch" }),
    open: [
      "elasticsearch.k8s.elastic.co/statefulset-name",
      "elasticsearch.k8s.elastic.co/version",
      "elasticsearch.k8s.elastic.co/http-scheme",
      "elasticsearch.k8s.elastic.co/config-hash",
      "elasticsearch.k8s.elastic.co/node-master",
      "elasticsearch.k8s.elastic.co/node-data",
      "elasticsearch.k8s.elastic.co/node-ingest",
      "elasticsearch.k8s.elastic.co/node-ml",
      "elasticsearch.k8s.elastic.co/node-transform",
      "elasticsearch.k8s.elastic.co/node-remote_cluster_client",
      "elasticsearch.k8s.elastic.co/node-voting_only",
      ...STATEFULSET_OPEN,
    ],
    podLabelPaths: ["spec/nodeSets/*/podTemplate/metadata/labels"],
  },
  ...[
    ["kibana.k8s.elastic.co", "Kibana", "kibana"],
    ["apm.k8s.elastic.co", "ApmServer", "apm-server"],
    ["enterprisesearch.k8s.elastic.co", "EnterpriseSearch", "enterprise-search"],
    ["logstash.k8s.elastic.co", "Logstash", "logstash"],
    ["maps.k8s.elastic.co", "ElasticMapsServer", "maps"],
    ["beat.k8s.elastic.co", "Beat", "beat"],
    ["agent.k8s.elastic.co", "Agent", "agent"],
  ].map(
    ([group, kind, type]): OperatorKnowledge => ({
      group: group as string,
      kinds: [kind as string],
      labels: (r) => ({
        [`${(group as string).split(".")[0]}.k8s.elastic.co/name`]: r.name,
        "common.k8s.elastic.co/type": type as string,
      }),
      open: ["pod-template-hash", `${(group as string).split(".")[0]}.k8s.elastic.co/config-hash`, ...STATEFULSET_OPEN],
      podLabelPaths: [
        "spec/podTemplate/metadata/labels",
        "spec/deployment/podTemplate/metadata/labels",
        "spec/daemonSet/podTemplate/metadata/labels",
        "spec/statefulSet/podTemplate/metadata/labels",
      ],
    }),
  ),
  // Strimzi: strimzi.io/cluster names the Kafka cluster; strimzi.io/name the component (<cluster>-kafka, …)
  {
    group: "kafka.strimzi.io",
    kinds: ["Kafka", "KafkaConnect", "KafkaMirrorMaker2", "KafkaMirrorMaker", "KafkaBridge"],
    labels: (r) => ({ "strimzi.io/cluster": r.name, "strimzi.io/kind": r.kind }),
    open: [
      "strimzi.io/name",
      "strimzi.io/component-type",
      "strimzi.io/controller",
      "strimzi.io/controller-name",
      "strimzi.io/pool-name",
      "strimzi.io/broker-role",
      "strimzi.io/controller-role",
      "strimzi.io/pod-name",
      "app.kubernetes.io/name",
      "app.kubernetes.io/instance",
      "app.kubernetes.io/part-of",
      "app.kubernetes.io/managed-by",
      ...STATEFULSET_OPEN,
    ],
    podLabelPaths: [
      "spec/kafka/template/pod/metadata/labels",
      "spec/zookeeper/template/pod/metadata/labels",
      "spec/entityOperator/template/pod/metadata/labels",
      "spec/cruiseControl/template/pod/metadata/labels",
      "spec/kafkaExporter/template/pod/metadata/labels",
      "spec/template/pod/metadata/labels",
    ],
  },
  {
    group: "kafka.strimzi.io",
    kinds: ["KafkaNodePool"],
    // a pool's pods are its Kafka cluster's, which the pool names in its own strimzi.io/cluster label
    labels: (r) => ({ ...clusterLabel(r), "strimzi.io/kind": "Kafka", "strimzi.io/pool-name": r.name }),
    open: [
      "strimzi.io/name",
      "strimzi.io/component-type",
      "strimzi.io/controller",
      "strimzi.io/controller-name",
      "strimzi.io/broker-role",
      "strimzi.io/controller-role",
      "strimzi.io/pod-name",
      ...STATEFULSET_OPEN,
    ],
    podLabelPaths: ["spec/template/pod/metadata/labels"],
  },
  // CloudNativePG: cnpg.io/cluster (and the older postgresql label); role and instance name per pod
  {
    group: "postgresql.cnpg.io",
    kinds: ["Cluster"],
    labels: (r) => ({ "cnpg.io/cluster": r.name, postgresql: r.name }),
    open: ["cnpg.io/instanceName", "cnpg.io/instanceRole", "cnpg.io/podRole", "role", "cnpg.io/jobRole"],
    podLabelPaths: ["spec/inheritedMetadata/labels"],
  },
  {
    group: "postgresql.cnpg.io",
    kinds: ["Pooler"],
    labels: (r) => ({ "cnpg.io/poolerName": r.name }),
    open: ["cnpg.io/podRole", "pod-template-hash"],
    podLabelPaths: ["spec/template/metadata/labels"],
  },
  // Zalando postgres-operator: Spilo pods
  {
    group: "acid.zalan.do",
    kinds: ["postgresql"],
    labels: (r) => ({ "cluster-name": r.name, application: "spilo" }),
    open: ["spilo-role", "team", ...STATEFULSET_OPEN],
    podLabelPaths: [],
  },
  // Crunchy Data PGO v5
  {
    group: "postgres-operator.crunchydata.com",
    kinds: ["PostgresCluster"],
    labels: (r) => ({ "postgres-operator.crunchydata.com/cluster": r.name }),
    open: [
      "postgres-operator.crunchydata.com/instance",
      "postgres-operator.crunchydata.com/instance-set",
      "postgres-operator.crunchydata.com/role",
      "postgres-operator.crunchydata.com/data",
      "postgres-operator.crunchydata.com/patroni",
      "postgres-operator.crunchydata.com/pgbackrest",
      "postgres-operator.crunchydata.com/pgbackrest-dedicated",
      "postgres-operator.crunchydata.com/pgbouncer",
      ...STATEFULSET_OPEN,
    ],
    podLabelPaths: ["spec/metadata/labels", "spec/instances/*/metadata/labels"],
  },
  // RabbitMQ cluster operator
  {
    group: "rabbitmq.com",
    kinds: ["RabbitmqCluster"],
    labels: (r) => ({
      "app.kubernetes.io/name": r.name,
      "app.kubernetes.io/component": "rabbitmq",
      "app.kubernetes.io/part-of": "rabbitmq",
    }),
    open: STATEFULSET_OPEN,
    podLabelPaths: ["spec/override/statefulSet/spec/template/metadata/labels"],
  },
  // MongoDB Community operator: the StatefulSet's pods are labelled app=<name>-svc
  {
    group: "mongodbcommunity.mongodb.com",
    kinds: ["MongoDBCommunity"],
    labels: (r) => ({ app: `${r.name}-svc` }),
    open: STATEFULSET_OPEN,
    podLabelPaths: ["spec/statefulSet/spec/template/metadata/labels"],
  },
  // MySQL Operator for Kubernetes (Oracle)
  {
    group: "mysql.oracle.com",
    kinds: ["InnoDBCluster"],
    labels: (r) => ({
      "mysql.oracle.com/cluster": r.name,
      tier: "mysql",
      component: "mysqld",
      "app.kubernetes.io/instance": `mysql-innodbcluster-${r.name}`,
    }),
    open: [
      "app.kubernetes.io/name",
      "app.kubernetes.io/component",
      "app.kubernetes.io/managed-by",
      "app.kubernetes.io/created-by",
      ...STATEFULSET_OPEN,
    ],
    podLabelPaths: [],
  },
  // OpenTelemetry operator collectors
  {
    group: "opentelemetry.io",
    kinds: ["OpenTelemetryCollector"],
    labels: (r) => ({
      "app.kubernetes.io/name": `${r.name}-collector`,
      "app.kubernetes.io/component": "opentelemetry-collector",
      "app.kubernetes.io/managed-by": "opentelemetry-operator",
      "app.kubernetes.io/part-of": "opentelemetry",
      "app.kubernetes.io/instance": `${r.namespace ?? "default"}.${r.name}`,
    }),
    open: ["app.kubernetes.io/version", "pod-template-hash", ...STATEFULSET_OPEN, "controller-revision-hash"],
    podLabelPaths: ["spec/podLabels"],
  },
];

function clusterLabel(resource: Resource): Record<string, string> {
  const labels = (resource.object.metadata as { labels?: unknown } | undefined)?.labels;
  const cluster = isRecord(labels) ? labels["strimzi.io/cluster"] : undefined;
  return typeof cluster === "string" ? { "strimzi.io/cluster": cluster } : {};
}

const BY_KIND = new Map(KNOWN.flatMap((knowledge) => knowledge.kinds.map((kind) => [`${knowledge.group}/${kind}`, knowledge])));

/**
 * The groups of pods a known operator runs for the resource; undefined when the resource is no kind of
 * a known operator. Every group carries the operator's own labels; each pod-metadata block the
 * resource spells out (an Elasticsearch nodeSet, a Strimzi component) adds its labels to a group.
 */
export function operatorPodGroups(resource: Resource): OperatorPodGroup[] | undefined {
  const knowledge = BY_KIND.get(`${apiGroup(resource.apiVersion)}/${resource.kind}`);
  if (!knowledge) return undefined;
  const base = knowledge.labels(resource);
  const open = new Set(knowledge.open);
  const extras = knowledge.podLabelPaths.flatMap((path) => labelMapsAt(resource.object, path.split("/")));
  if (extras.length === 0) return [{ labels: base, open }];
  // the operator's labels win over the user's: it overwrites them on the pods it creates
  return extras.map((extra) => ({ labels: { ...extra, ...base }, open }));
}

function labelMapsAt(value: unknown, steps: readonly string[]): Record<string, string>[] {
  if (steps.length === 0) return isRecord(value) ? [stringLabels(value)] : [];
  const [step, ...rest] = steps;
  if (step === "*") return Array.isArray(value) ? value.flatMap((item) => labelMapsAt(item, rest)) : [];
  return isRecord(value) && step !== undefined ? labelMapsAt(value[step], rest) : [];
}

function stringLabels(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, entry]) =>
      typeof entry === "string" || typeof entry === "number" || typeof entry === "boolean" ? [[key, String(entry)]] : [],
    ),
  );
}

/**
 * API groups of custom resources that hold configuration only and create no pods: they never explain
 * a selector that matches nothing. Known operators' pod-creating kinds are matched before this.
 */
const CONFIG_ONLY_GROUPS = new Set([
  "monitoring.coreos.com",
  "cert-manager.io",
  "acme.cert-manager.io",
  "networking.istio.io",
  "security.istio.io",
  "telemetry.istio.io",
  "extensions.istio.io",
  "gateway.networking.k8s.io",
  "external-secrets.io",
  "bitnami.com",
  "source.toolkit.fluxcd.io",
  "notification.toolkit.fluxcd.io",
  "image.toolkit.fluxcd.io",
  "kyverno.io",
  "templates.gatekeeper.sh",
  "constraints.gatekeeper.sh",
  "traefik.io",
  "traefik.containo.us",
  "policy.linkerd.io",
  "cilium.io",
  "projectcontour.io",
  "getambassador.io",
  "metallb.io",
  "keda.sh",
  "monitoring.googleapis.com",
  "cloud.google.com",
  "networking.gke.io",
  "snapshot.storage.k8s.io",
]);

/** Groups that Kubernetes itself serves: their kinds are modelled (workloads) or create no pods. */
function isBuiltInGroup(group: string): boolean {
  return (
    group === "" ||
    ["apps", "batch", "policy", "autoscaling", "extensions"].includes(group) ||
    (group.endsWith(".k8s.io") && group !== "gateway.networking.k8s.io" && group !== "snapshot.storage.k8s.io")
  );
}

/**
 * Whether a custom resource of an operator Plumbline does not know could be the one whose pods the
 * selector picks. Operators label their pods with the resource's name or copy its labels, so it could
 * when one of the selector's values is the resource's name, or the resource's own labels meet the
 * selector. Built-in kinds and custom resources that hold only configuration never could.
 */
export function unknownOperatorCouldOwn(resource: Resource, selector: LabelSelector): boolean {
  const group = apiGroup(resource.apiVersion);
  if (isBuiltInGroup(group) || CONFIG_ONLY_GROUPS.has(group) || BY_KIND.has(`${group}/${resource.kind}`)) return false;
  const values = [
    ...Object.values(selector.matchLabels),
    ...selector.matchExpressions.filter((r) => r.operator === "In").flatMap((r) => r.values),
  ];
  if (values.includes(resource.name)) return true;
  const labels = (resource.object.metadata as { labels?: unknown } | undefined)?.labels;
  if (!isRecord(labels) || Object.keys(labels).length === 0) return false;
  return selectorMatches(selector, stringLabels(labels));
}
