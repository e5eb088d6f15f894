/**
 * Databases and queues recognised by their container image, and where each keeps its data: the data
 * directory the image documents, or the one its environment or arguments configure. What rules need to
 * tell whether a store's data outlives its container.
 */
import { isRecord, type KubeObject } from "../manifests/resource.js";

export interface DataStore {
  /** how messages name it */
  readonly product: string;
  /** absolute paths where it writes its data */
  readonly dataDirs: readonly string[];
}

interface StoreKnowledge {
  readonly product: string;
  /** last segments of the image repository (`postgres`, `cp-kafka`), with the vendor path when it matters */
  readonly images: readonly string[];
  /** data directory of the official image, and of Bitnami's (`/bitnami/<name>`) */
  readonly dataDir: string;
  readonly bitnamiDir?: string;
  /** environment variables that move the data directory */
  readonly env?: readonly string[];
  /** command-line flags that move it (`--dbpath /data`, `--data-dir=/var/etcd`) */
  readonly flags?: readonly string[];
  /** only a store when its arguments or environment turn persistence on (Redis as a cache) */
  readonly persistsOnlyWhen?: (container: KubeObject) => boolean;
}

const STORES: readonly StoreKnowledge[] = [
  {
    product: "PostgreSQL",
    images: ["postgres", "postgresql", "postgis"],
    dataDir: "/var/lib/postgresql/data",
    bitnamiDir: "/bitnami/postgresql",
    env: ["PGDATA", "POSTGRESQL_DATA_DIR"],
  },
  {
    product: "MySQL",
    images: ["mysql", "mysql-server", "percona-server"],
    dataDir: "/var/lib/mysql",
    bitnamiDir: "/bitnami/mysql",
    flags: ["--datadir"],
  },
  { product: "MariaDB", images: ["mariadb"], dataDir: "/var/lib/mysql", bitnamiDir: "/bitnami/mariadb", flags: ["--datadir"] },
  {
    product: "MongoDB",
    images: ["mongo", "mongodb", "mongodb-community-server"],
    dataDir: "/data/db",
    bitnamiDir: "/bitnami/mongodb",
    flags: ["--dbpath"],
  },
  {
    product: "Redis",
    images: ["redis", "redis-stack-server", "valkey"],
    dataDir: "/data",
    bitnamiDir: "/bitnami/redis/data",
    flags: ["--dir"],
    persistsOnlyWhen: redisPersists,
  },
  {
    product: "Kafka",
    images: ["kafka", "cp-kafka", "cp-server"],
    // apache/kafka keeps its log in /tmp/kraft-combined-logs unless told otherwise; Confluent's in /var/lib/kafka/data
    dataDir: "/var/lib/kafka/data",
    bitnamiDir: "/bitnami/kafka",
    env: ["KAFKA_LOG_DIRS", "KAFKA_CFG_LOG_DIRS"],
  },
  {
    product: "ZooKeeper",
    images: ["zookeeper", "cp-zookeeper"],
    dataDir: "/data",
    bitnamiDir: "/bitnami/zookeeper",
    env: ["ZOO_DATA_DIR"],
  },
  {
    product: "Elasticsearch",
    images: ["elasticsearch"],
    dataDir: "/usr/share/elasticsearch/data",
    bitnamiDir: "/bitnami/elasticsearch/data",
    env: ["path.data"],
  },
  {
    product: "OpenSearch",
    images: ["opensearch"],
    dataDir: "/usr/share/opensearch/data",
    bitnamiDir: "/bitnami/opensearch/data",
    env: ["path.data"],
  },
  {
    product: "RabbitMQ",
    images: ["rabbitmq"],
    dataDir: "/var/lib/rabbitmq",
    bitnamiDir: "/bitnami/rabbitmq/mnesia",
    env: ["RABBITMQ_MNESIA_BASE", "RABBITMQ_MNESIA_DIR"],
  },
  // etcd writes to <name>.etcd in its working directory unless told: only judged when told
  { product: "etcd", images: ["etcd"], dataDir: "", bitnamiDir: "/bitnami/etcd", env: ["ETCD_DATA_DIR"], flags: ["--data-dir"] },
  {
    product: "Cassandra",
    images: ["cassandra"],
    dataDir: "/var/lib/cassandra",
    bitnamiDir: "/bitnami/cassandra",
    env: ["CASSANDRA_DATA_DIR"],
  },
  {
    product: "ClickHouse",
    images: ["clickhouse-server", "clickhouse"],
    dataDir: "/var/lib/clickhouse",
    bitnamiDir: "/bitnami/clickhouse",
  },
];

const BY_IMAGE = new Map(STORES.flatMap((store) => store.images.map((image) => [image, store])));

/** `docker.io/bitnami/postgresql:16@sha256:…` → { vendor: "bitnami", name: "postgresql" }. */
function imageName(image: string): { vendor: string | undefined; name: string } {
  const withoutDigest = image.split("@")[0] ?? "";
  const segments = withoutDigest.split("/");
  const last = (segments.pop() ?? "").split(":")[0] ?? "";
  return { vendor: segments.at(-1), name: last.toLowerCase() };
}

/** The data store the container runs, with where it keeps its data; undefined for anything else. */
export function dataStoreOf(container: KubeObject): DataStore | undefined {
  if (typeof container.image !== "string") return undefined;
  const { vendor, name } = imageName(container.image);
  const store = BY_IMAGE.get(name);
  if (!store) return undefined;
  if (store.persistsOnlyWhen && !store.persistsOnlyWhen(container)) return undefined;
  const configured = configuredDirs(container, store);
  const base = vendor === "bitnami" && store.bitnamiDir ? store.bitnamiDir : store.dataDir;
  const dataDirs = configured.length > 0 ? configured : base === "" ? [] : [base];
  return dataDirs.length > 0 ? { product: store.product, dataDirs } : undefined;
}

/** Data directories the container's environment or flags set, absolute paths only. */
function configuredDirs(container: KubeObject, store: StoreKnowledge): string[] {
  const dirs: string[] = [];
  for (const entry of Array.isArray(container.env) ? container.env.filter(isRecord) : []) {
    if (typeof entry.name !== "string" || !store.env?.includes(entry.name) || typeof entry.value !== "string") continue;
    // Kafka's log.dirs is a comma-separated list
    dirs.push(...entry.value.split(",").map((dir) => dir.trim()));
  }
  const words = commandWords(container);
  for (const flag of store.flags ?? []) {
    words.forEach((word, index) => {
      if (word === flag) dirs.push(words[index + 1] ?? "");
      else if (word.startsWith(`${flag}=`)) dirs.push(word.slice(flag.length + 1));
    });
  }
  return dirs.filter((dir) => dir.startsWith("/")).map((dir) => dir.replace(/\/+$/, "") || "/");
}

/** The words of `command` and `args`, a shell's `-c` script split on whitespace. */
function commandWords(container: KubeObject): string[] {
  const list = [
    ...(Array.isArray(container.command) ? container.command : []),
    ...(Array.isArray(container.args) ? container.args : []),
  ];
  return list.filter((word): word is string => typeof word === "string").flatMap((word) => word.split(/\s+/));
}

/**
 * Redis keeps nothing unless told to: append-only files (`--appendonly yes`), RDB snapshots
 * (`--save 60 1`), or Bitnami's REDIS_AOF_ENABLED. Without either it is a cache, and its data is meant
 * to go.
 */
function redisPersists(container: KubeObject): boolean {
  const words = commandWords(container);
  const flag = (name: string) => {
    const index = words.indexOf(name);
    return index === -1 ? undefined : words[index + 1];
  };
  const appendonly = flag("--appendonly") ?? flag("appendonly");
  const save = flag("--save");
  const env = Array.isArray(container.env) ? container.env.filter(isRecord) : [];
  const aof = env.find((entry) => entry.name === "REDIS_AOF_ENABLED")?.value;
  return appendonly === "yes" || (save !== undefined && save !== '""' && save !== "''" && !save.startsWith("-")) || aof === "yes";
}
