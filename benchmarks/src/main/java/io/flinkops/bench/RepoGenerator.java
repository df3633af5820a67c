package io.flinkops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic flinkops config repo of N deployments over M namespaces, deterministic for a seed (issue 6).
 *
 * <p>Content mirrors examples/repo: flinkops.yaml with policy, clusters, images and the SQL runner; global and
 * per-namespace defaults (resources, flinkConfiguration with checkpoint, savepoint and HA directories, logging);
 * per namespace a namespace.yaml with role bindings and secret references, two DeploymentTargets (prod and staging)
 * and one SessionCluster. Deployments are spread round-robin over the namespaces; about 70% JAR, 20% PYTHON, 10%
 * SQLSCRIPT, one in ten a session job; application-mode deployments carry pods settings, some reference a secret.
 * Every generated repo validates without errors (RepoGeneratorTest).
 *
 * <p>Plain Java, no dependencies, so benchmarks/run.sh can run it from target/classes:
 * {@code java -cp benchmarks/target/classes io.flinkops.bench.RepoGenerator N M SEED OUT_DIR}.
 */
public final class RepoGenerator {

    static final String[] WORDS = {
        "orders", "payments", "clicks", "sessions", "fraud", "refunds", "inventory", "shipments", "users", "ads",
        "metrics", "alerts", "features", "ledger", "pricing", "search", "reviews", "carts", "returns", "events"};
    static final String[] VERBS = {
        "enricher", "aggregator", "filter", "join", "sessionizer", "dedup", "rollup", "scorer", "sink", "router"};
    static final String[] CPUS = {"0.5", "1", "2", "4"};
    static final String[] MEMORIES = {"2g", "4g", "6g", "8g"};
    static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};

    private final int deployments;
    private final int namespaces;
    private final long seed;

    public RepoGenerator(int deployments, int namespaces, long seed) {
        if (deployments < 0 || namespaces < 1) throw new IllegalArgumentException("need N >= 0 and M >= 1");
        this.deployments = deployments;
        this.namespaces = namespaces;
        this.seed = seed;
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: RepoGenerator DEPLOYMENTS NAMESPACES SEED OUT_DIR");
            System.exit(2);
        }
        new RepoGenerator(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]))
                .writeTo(Path.of(args[3]));
    }

    /** Writes the repo into dir (created if missing; existing files with the same names are overwritten). */
    public void writeTo(Path dir) {
        Random random = new Random(seed);
        write(dir.resolve("flinkops.yaml"), repository());
        write(dir.resolve("global-defaults.yaml"), globalDefaults());
        for (int n = 0; n < namespaces; n++) {
            String ns = namespaceName(n);
            Path nsDir = dir.resolve("namespaces").resolve(ns);
            write(nsDir.resolve("namespace.yaml"), namespace(ns));
            write(nsDir.resolve("defaults.yaml"), namespaceDefaults(ns, random));
            write(nsDir.resolve("targets.yaml"), targets(ns));
            write(nsDir.resolve("session-clusters").resolve(ns + "-shared.yaml"), sessionCluster(ns));
        }
        for (int i = 0; i < deployments; i++) {
            String ns = namespaceName(i % namespaces);
            String name = deploymentName(i, random);
            write(dir.resolve("namespaces").resolve(ns).resolve("deployments").resolve(name + ".yaml"),
                    deployment(i, ns, name, random));
        }
    }

    public static String namespaceName(int n) {
        return String.format("team-%03d", n);
    }

    static String deploymentName(int i, Random random) {
        return String.format("%s-%s-%05d", pick(WORDS, random), pick(VERBS, random), i);
    }

    static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String repository() {
        return """
                # Synthetic repo written by io.flinkops.bench.RepoGenerator (benchmarks).
                apiVersion: v1
                kind: Repository
                metadata:
                  name: synthetic-bench
                spec:
                  operator:
                    version: "1.15"
                    # the operator's kubernetes.operator.user.artifacts.allowed-schemes (session jobs' jars)
                    allowedJarSchemes: ["https", "s3"]
                  clusters:
                    - name: prod-eu
                      description: Production
                    - name: staging
                      description: Staging
                  policy:
                    allowedKubernetesNamespaces:
                      - "flink-*"
                    allowedImageRegistries:
                      - registry.acme.io
                    allowedJarSchemes:
                      - s3
                      - https
                      - local
                    podSecurity: baseline
                  defaultImages:
                    "1.20":
                      registry: registry.acme.io
                      repository: platform/flink
                      tag: 1.20.3-scala_2.12-java17-acme.4
                  sqlRunner:
                    jarUri: local:///opt/flink/usrlib/sql-runner.jar
                    entryClass: org.apache.flink.examples.SqlRunner
                """;
    }

    private static String globalDefaults() {
        return """
                apiVersion: v1
                kind: GlobalDeploymentDefaults
                metadata:
                  name: global-defaults
                spec:
                  state: RUNNING
                  upgradeStrategy:
                    kind: STATEFUL
                  restoreStrategy:
                    kind: LATEST_STATE
                    allowNonRestoredState: false
                  maxSavepointCreationAttempts: 4
                  maxJobCreationAttempts: 4
                  template:
                    spec:
                      artifact:
                        flinkVersion: "1.20"
                      parallelism: 2
                      numberOfTaskManagers: 1
                      resources:
                        jobmanager:
                          cpu: 1
                          memory: 2g
                        taskmanager:
                          cpu: 2
                          memory: 4g
                      flinkConfiguration:
                        taskmanager.numberOfTaskSlots: "2"
                        state.backend.type: rocksdb
                        execution.checkpointing.incremental: "true"
                        execution.checkpointing.interval: 60s
                        execution.checkpointing.min-pause: 30s
                        execution.checkpointing.timeout: 10min
                        execution.checkpointing.mode: EXACTLY_ONCE
                        execution.checkpointing.num-retained: "3"
                        execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                        execution.checkpointing.dir: s3://acme-flink-state/{{ namespace }}/{{ deploymentName }}/checkpoints
                        execution.checkpointing.savepoint-dir: s3://acme-flink-state/{{ namespace }}/{{ deploymentName }}/savepoints
                        high-availability.storageDir: s3://acme-flink-state/{{ namespace }}/{{ deploymentName }}/ha
                        high-availability.type: kubernetes
                        restart-strategy.type: exponential-delay
                        restart-strategy.exponential-delay.initial-backoff: 1s
                        restart-strategy.exponential-delay.max-backoff: 2min
                        metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
                        metrics.reporter.prom.port: "9249"
                      logging:
                        loggingProfile: default
                        log4jLoggers:
                          "": INFO
                          org.apache.kafka: WARN
                          org.apache.hadoop: WARN
                """;
    }

    private static String namespace(String ns) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %1$s
                spec:
                  roleBindings:
                    - role: owner
                      members:
                        - group:%1$s-leads
                    - role: editor
                      members:
                        - group:%1$s
                        - user:owner.%1$s@acme.io
                    - role: viewer
                      members:
                        - group:sre
                  secrets:
                    - name: DATADOG_API_KEY
                      secretKeyRef:
                        name: datadog
                        key: api-key
                    - name: KAFKA_SASL_PASSWORD
                      secretKeyRef:
                        name: kafka-credentials
                        key: password
                """.formatted(ns);
    }

    private static String namespaceDefaults(String ns, Random random) {
        return """
                apiVersion: v1
                kind: DeploymentDefaults
                metadata:
                  name: %1$s-defaults
                spec:
                  template:
                    spec:
                      flinkConfiguration:
                        execution.checkpointing.interval: %2$dmin
                        execution.checkpointing.min-pause: 30s
                      logging:
                        log4jLoggers:
                          com.acme.%3$s: %4$s
                      kubernetes:
                        labels:
                          team: %1$s
                          cost-center: cc-%5$04d
                """.formatted(ns, 1 + random.nextInt(5), ns.replace('-', '_'), pick(LEVELS, random), random.nextInt(10000));
    }

    private static String targets(String ns) {
        return """
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: %1$s-prod
                spec:
                  cluster: prod-eu
                  kubernetes:
                    namespace: flink-%1$s
                ---
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: %1$s-staging
                spec:
                  cluster: staging
                  kubernetes:
                    namespace: flink-%1$s-staging
                """.formatted(ns);
    }

    private static String sessionCluster(String ns) {
        return """
                apiVersion: v1
                kind: SessionCluster
                metadata:
                  name: %1$s-shared
                  labels:
                    team: %1$s
                spec:
                  state: RUNNING
                  deploymentTargetName: %1$s-prod
                  flinkVersion: "1.20"
                  numberOfTaskManagers: 3
                  resources:
                    jobmanager:
                      cpu: 1
                      memory: 2g
                    taskmanager:
                      cpu: 4
                      memory: 8g
                  flinkConfiguration:
                    taskmanager.numberOfTaskSlots: "4"
                    state.backend.type: rocksdb
                    execution.checkpointing.dir: s3://acme-flink-state/%1$s/session-clusters/%1$s-shared/checkpoints
                    execution.checkpointing.savepoint-dir: s3://acme-flink-state/%1$s/session-clusters/%1$s-shared/savepoints
                    high-availability.type: kubernetes
                    high-availability.storageDir: s3://acme-flink-state/%1$s/session-clusters/%1$s-shared/ha
                  logging:
                    loggingProfile: default
                    log4jLoggers:
                      "": INFO
                      org.apache.kafka: WARN
                  kubernetes:
                    labels:
                      team: %1$s
                    pods:
                      imagePullSecrets:
                        - name: acme-registry
                      nodeSelector:
                        acme.io/node-pool: flink-shared
                """.formatted(ns);
    }

    private String deployment(int i, String ns, String name, Random random) {
        int kind = i % 10;
        boolean session = kind == 3;
        boolean staging = !session && i % 7 == 0;
        StringBuilder b = new StringBuilder();
        b.append("apiVersion: v1\nkind: Deployment\nmetadata:\n  name: ").append(name).append('\n');
        b.append("  displayName: Synthetic job ").append(i).append('\n');
        b.append("  labels:\n    tier: tier-").append(1 + random.nextInt(3)).append('\n');
        b.append("spec:\n");
        b.append("  state: ").append(i % 23 == 5 ? "SUSPENDED" : "RUNNING").append('\n');
        if (session) {
            b.append("  sessionClusterName: ").append(ns).append("-shared\n");
            b.append("  upgradeStrategy:\n    kind: STATELESS\n  restoreStrategy:\n    kind: NONE\n");
        } else {
            b.append("  deploymentTargetName: ").append(ns).append(staging ? "-staging" : "-prod").append('\n');
        }
        b.append("  template:\n    spec:\n      artifact:\n");
        String topic = pick(WORDS, random) + ".events.v" + (1 + random.nextInt(5));
        if (kind < 7) {
            String version = (1 + random.nextInt(3)) + "." + random.nextInt(10) + "." + random.nextInt(10);
            b.append("        kind: JAR\n");
            if (i % 2 == 0) {
                b.append("        jarUri: s3://acme-flink-artifacts/").append(ns).append('/').append(name)
                        .append('/').append(name).append('-').append(version).append(".jar\n");
            } else {
                b.append("        jarUri: https://artifacts.acme.io/repository/flink-jobs/").append(name).append('/')
                        .append(version).append('/').append(name).append('-').append(version).append(".jar\n");
            }
            b.append("        entryClass: com.acme.").append(ns.replace('-', '_')).append(".Job").append(i).append('\n');
            b.append("        mainArgs: --source-topic ").append(topic).append(" --group-id flink-").append(name).append('\n');
        } else if (kind < 9) {
            b.append("        kind: PYTHON\n");
            b.append("        pythonArtifactUri: s3://acme-flink-artifacts/").append(ns).append('/').append(name)
                    .append("/job-0.").append(random.nextInt(20)).append(".zip\n");
            b.append("        entryModule: job_").append(i).append(".main\n");
            b.append("        additionalPythonLibraries:\n          - s3://acme-flink-artifacts/libs/acme_common-2.3.0-py3-none-any.whl\n");
            b.append("        flinkImageRegistry: registry.acme.io\n        flinkImageRepository: platform/pyflink\n");
            b.append("        flinkImageTag: 1.20.3-py3.11-acme.4\n");
        } else {
            b.append("        kind: SQLSCRIPT\n        sqlScript: |\n");
            b.append("          CREATE TEMPORARY TABLE source_").append(i).append(" (\n");
            b.append("            id STRING,\n            amount DOUBLE,\n            ts TIMESTAMP_LTZ(3),\n");
            b.append("            WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE\n");
            b.append("          ) WITH (\n            'connector' = 'kafka',\n            'topic' = '").append(topic).append("',\n");
            b.append("            'properties.bootstrap.servers' = 'b-1.msk.acme.internal:9098',\n");
            b.append("            'format' = 'json'\n          );\n");
            b.append("          CREATE TEMPORARY TABLE sink_").append(i).append(" (id STRING, total DOUBLE) WITH ('connector' = 'print');\n");
            b.append("          INSERT INTO sink_").append(i).append(" SELECT id, SUM(amount) FROM source_").append(i).append(" GROUP BY id;\n");
        }
        int tms = 1 + random.nextInt(4);
        b.append("      parallelism: ").append(session ? 2 : 2 * tms).append('\n');
        if (!session) {
            b.append("      numberOfTaskManagers: ").append(tms).append('\n');
            b.append("      resources:\n        taskmanager:\n          cpu: ").append(pick(CPUS, random))
                    .append("\n          memory: ").append(pick(MEMORIES, random)).append('\n');
        }
        b.append("      flinkConfiguration:\n");
        b.append("        pipeline.max-parallelism: \"").append(128 << random.nextInt(3)).append("\"\n");
        if (staging) {
            b.append("        execution.checkpointing.dir: s3://acme-flink-state-staging/").append(ns).append('/').append(name).append("/checkpoints\n");
            b.append("        execution.checkpointing.savepoint-dir: s3://acme-flink-state-staging/").append(ns).append('/').append(name).append("/savepoints\n");
            b.append("        high-availability.storageDir: s3://acme-flink-state-staging/").append(ns).append('/').append(name).append("/ha\n");
        }
        if (!session && i % 5 == 1) {
            b.append("        metrics.reporter.dghttp.factory.class: org.apache.flink.metrics.datadog.DatadogHttpReporterFactory\n");
            b.append("        metrics.reporter.dghttp.apikey: ${DATADOG_API_KEY}\n");
            b.append("        metrics.reporter.dghttp.dataCenter: EU\n");
        }
        if (!session) {
            b.append("      logging:\n        log4jLoggers:\n          com.acme.jobs.").append(name.replace('-', '_'))
                    .append(": ").append(pick(LEVELS, random)).append('\n');
            b.append("      kubernetes:\n        pods:\n");
            b.append("          imagePullSecrets:\n            - name: acme-registry\n");
            b.append("          nodeSelector:\n            acme.io/node-pool: flink-").append(random.nextBoolean() ? "shared" : "dedicated").append('\n');
            b.append("          tolerations:\n            - key: acme.io/dedicated\n              operator: Equal\n");
            b.append("              value: flink\n              effect: NoSchedule\n");
            b.append("          envVars:\n            - name: KAFKA_BOOTSTRAP_SERVERS\n              value: b-1.msk.acme.internal:9098\n");
            if (i % 3 == 0) {
                b.append("            - name: KAFKA_PASSWORD\n              valueFrom:\n                secretKeyRef:\n");
                b.append("                  name: kafka-credentials\n                  key: password\n");
            }
        }
        return b.toString();
    }
}
