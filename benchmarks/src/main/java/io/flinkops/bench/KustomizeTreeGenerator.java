package io.flinkops.bench;

import static io.flinkops.bench.RepoGenerator.CPUS;
import static io.flinkops.bench.RepoGenerator.MEMORIES;
import static io.flinkops.bench.RepoGenerator.WORDS;
import static io.flinkops.bench.RepoGenerator.deploymentName;
import static io.flinkops.bench.RepoGenerator.namespaceName;
import static io.flinkops.bench.RepoGenerator.pick;
import static io.flinkops.bench.RepoGenerator.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Writes a kustomize tree equivalent to a {@link RepoGenerator} repo of the same size, for timing
 * {@code kubectl kustomize} side by side with {@code flinkops render} (issue 6). Deterministic for a seed.
 *
 * <pre>
 * OUT/kustomization.yaml                          lists the M namespace overlays
 * OUT/global-defaults/                            a kustomize Component: a patch of every FlinkDeployment with the
 *                                                 global defaults (flinkConfiguration, job manager, logging, ...)
 * OUT/namespaces/team-NNN/kustomization.yaml      namespace transformer (flink-team-NNN), commonLabels, the
 *                                                 deployments, the global component, then a patch with the
 *                                                 namespace's defaults (checkpoint interval, pod labels)
 * OUT/namespaces/team-NNN/deployments/NAME.yaml   one FlinkDeployment (flink.apache.org/v1beta1), spread
 *                                                 round-robin: image, flinkConfiguration, task manager, job
 *                                                 (70% JAR, 20% Python, 10% SQL runner), podTemplate
 * OUT/expected-flinkdeployments.txt               "namespace name" per FlinkDeployment, sorted: what
 *                                                 `kubectl kustomize OUT` must print
 * </pre>
 * The overlay's patch comes after the component, so namespace defaults override global ones, as in flinkops.
 * What kustomize cannot express (defaults that yield to a deployment's own value, templated state directories)
 * is written into each deployment instead. Plain Java, no dependencies: {@code java -cp benchmarks/target/classes
 * io.flinkops.bench.KustomizeTreeGenerator N M SEED OUT_DIR}.
 */
public final class KustomizeTreeGenerator {
    private static final String API_VERSION = "flink.apache.org/v1beta1";

    private final int deployments;
    private final int namespaces;
    private final long seed;

    public KustomizeTreeGenerator(int deployments, int namespaces, long seed) {
        if (deployments < 0 || namespaces < 1) throw new IllegalArgumentException("need N >= 0 and M >= 1");
        this.deployments = deployments;
        this.namespaces = namespaces;
        this.seed = seed;
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: KustomizeTreeGenerator DEPLOYMENTS NAMESPACES SEED OUT_DIR");
            System.exit(2);
        }
        new KustomizeTreeGenerator(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]))
                .writeTo(Path.of(args[3]));
    }

    /** Writes the tree into dir (created if missing; existing files with the same names are overwritten). */
    public void writeTo(Path dir) {
        Random random = new Random(seed);
        List<List<String>> namesByNamespace = new ArrayList<>();
        for (int n = 0; n < namespaces; n++) namesByNamespace.add(new ArrayList<>());
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < deployments; i++) {
            String ns = namespaceName(i % namespaces);
            String name = deploymentName(i, random);
            namesByNamespace.get(i % namespaces).add(name);
            expected.add("flink-" + ns + " " + name);
            write(dir.resolve("namespaces").resolve(ns).resolve("deployments").resolve(name + ".yaml"),
                    flinkDeployment(i, ns, name, random));
        }
        List<String> overlays = new ArrayList<>();
        for (int n = 0; n < namespaces; n++) {
            String ns = namespaceName(n);
            Path nsDir = dir.resolve("namespaces").resolve(ns);
            write(nsDir.resolve("kustomization.yaml"), namespaceKustomization(ns, namesByNamespace.get(n), random));
            write(nsDir.resolve("namespace-defaults.yaml"), namespaceDefaultsPatch(ns, random));
            overlays.add("namespaces/" + ns);
        }
        write(dir.resolve("global-defaults").resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                  - path: flink-defaults.yaml
                    target:
                      group: flink.apache.org
                      kind: FlinkDeployment
                """);
        write(dir.resolve("global-defaults").resolve("flink-defaults.yaml"), GLOBAL_DEFAULTS_PATCH);
        StringBuilder top = new StringBuilder("# Synthetic kustomize tree written by io.flinkops.bench.KustomizeTreeGenerator (benchmarks).\n");
        top.append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (String overlay : overlays) top.append("  - ").append(overlay).append('\n');
        write(dir.resolve("kustomization.yaml"), top.toString());
        write(dir.resolve("expected-flinkdeployments.txt"), expected.isEmpty() ? "" : String.join("\n", expected) + "\n");
    }

    private static String namespaceKustomization(String ns, List<String> names, Random random) {
        StringBuilder b = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
        b.append("namespace: flink-").append(ns).append('\n');
        b.append("commonLabels:\n  team: ").append(ns).append("\n  cost-center: cc-")
                .append(String.format("%04d", random.nextInt(10000))).append('\n');
        b.append("resources:\n");
        for (String name : names) b.append("  - deployments/").append(name).append(".yaml\n");
        b.append("components:\n  - ../../global-defaults\n");
        b.append("patches:\n  - path: namespace-defaults.yaml\n    target:\n      group: flink.apache.org\n      kind: FlinkDeployment\n");
        return b.toString();
    }

    /**
     * The namespace's defaults (RepoGenerator's defaults.yaml): checkpointing, and the team's labels on the pods.
     * (Its logger level has no kustomize equivalent: the log configuration is one text value.)
     */
    private static String namespaceDefaultsPatch(String ns, Random random) {
        return """
                apiVersion: %1$s
                kind: FlinkDeployment
                metadata:
                  name: namespace-defaults
                spec:
                  flinkConfiguration:
                    execution.checkpointing.interval: %2$dmin
                    execution.checkpointing.min-pause: 30s
                  podTemplate:
                    metadata:
                      labels:
                        team: %3$s
                """.formatted(API_VERSION, 1 + random.nextInt(5), ns);
    }

    /** RepoGenerator's global-defaults.yaml as a patch; the state directories are per deployment instead. */
    private static final String GLOBAL_DEFAULTS_PATCH = """
            apiVersion: flink.apache.org/v1beta1
            kind: FlinkDeployment
            metadata:
              name: global-defaults
              labels:
                app.kubernetes.io/managed-by: kustomize
            spec:
              flinkVersion: v1_20
              imagePullPolicy: IfNotPresent
              serviceAccount: flink
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
                high-availability.type: kubernetes
                restart-strategy.type: exponential-delay
                restart-strategy.exponential-delay.initial-backoff: 1s
                restart-strategy.exponential-delay.max-backoff: 2min
                metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
                metrics.reporter.prom.port: "9249"
              jobManager:
                resource:
                  cpu: 1
                  memory: 2g
              job:
                allowNonRestoredState: false
              logConfiguration:
                log4j-console.properties: |
                  monitorInterval=30
                  rootLogger.level = INFO
                  rootLogger.appenderRef.console.ref = ConsoleAppender
                  rootLogger.appenderRef.rolling.ref = RollingFileAppender
                  logger.akka.name = akka
                  logger.akka.level = INFO
                  logger.pekko.name = org.apache.pekko
                  logger.pekko.level = INFO
                  logger.zookeeper.name = org.apache.zookeeper
                  logger.zookeeper.level = INFO
                  logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
                  logger.netty.level = OFF
                  logger.kafka.name = org.apache.kafka
                  logger.kafka.level = WARN
                  logger.hadoop.name = org.apache.hadoop
                  logger.hadoop.level = WARN
                  appender.console.name = ConsoleAppender
                  appender.console.type = CONSOLE
                  appender.console.layout.type = PatternLayout
                  appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
                  appender.rolling.name = RollingFileAppender
                  appender.rolling.type = RollingFile
                  appender.rolling.append = true
                  appender.rolling.fileName = ${sys:log.file}
                  appender.rolling.filePattern = ${sys:log.file}.%i
                  appender.rolling.layout.type = PatternLayout
                  appender.rolling.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
                  appender.rolling.policies.type = Policies
                  appender.rolling.policies.size.type = SizeBasedTriggeringPolicy
                  appender.rolling.policies.size.size = 100MB
                  appender.rolling.strategy.type = DefaultRolloverStrategy
                  appender.rolling.strategy.max = ${env:MAX_LOG_FILE_NUMBER:-10}
            """;

    /** One deployment's own settings, with the same mix of jobs as RepoGenerator (no session jobs here). */
    private static String flinkDeployment(int i, String ns, String name, Random random) {
        int kind = i % 10;
        boolean stateless = kind == 3;
        String topic = pick(WORDS, random) + ".events.v" + (1 + random.nextInt(5));
        StringBuilder b = new StringBuilder();
        b.append("apiVersion: ").append(API_VERSION).append("\nkind: FlinkDeployment\nmetadata:\n  name: ").append(name).append('\n');
        b.append("  labels:\n    tier: tier-").append(1 + random.nextInt(3)).append('\n');
        b.append("  annotations:\n    acme.io/display-name: Synthetic job ").append(i).append('\n');
        b.append("spec:\n");
        b.append("  image: ").append(kind == 7 || kind == 8
                ? "registry.acme.io/platform/pyflink:1.20.3-py3.11-acme.4"
                : "registry.acme.io/platform/flink:1.20.3-scala_2.12-java17-acme.4").append('\n');

        b.append("  flinkConfiguration:\n");
        b.append("    pipeline.max-parallelism: \"").append(128 << random.nextInt(3)).append("\"\n");
        String state = "s3://acme-flink-state/" + ns + "/" + name;
        b.append("    execution.checkpointing.dir: ").append(state).append("/checkpoints\n");
        b.append("    execution.checkpointing.savepoint-dir: ").append(state).append("/savepoints\n");
        b.append("    high-availability.storageDir: ").append(state).append("/ha\n");
        boolean datadog = i % 5 == 1;
        if (datadog) {
            b.append("    metrics.reporter.dghttp.factory.class: org.apache.flink.metrics.datadog.DatadogHttpReporterFactory\n");
            b.append("    metrics.reporter.dghttp.apikey: ${DATADOG_API_KEY}\n");
            b.append("    metrics.reporter.dghttp.dataCenter: EU\n");
        }

        int taskManagers = 1 + random.nextInt(4);
        b.append("  taskManager:\n    replicas: ").append(taskManagers).append('\n');
        b.append("    resource:\n      cpu: ").append(pick(CPUS, random)).append("\n      memory: ").append(pick(MEMORIES, random)).append('\n');

        b.append("  job:\n");
        if (kind < 7) {
            String version = (1 + random.nextInt(3)) + "." + random.nextInt(10) + "." + random.nextInt(10);
            String jar = i % 2 == 0
                    ? "s3://acme-flink-artifacts/" + ns + "/" + name + "/" + name + "-" + version + ".jar"
                    : "https://artifacts.acme.io/repository/flink-jobs/" + name + "/" + version + "/" + name + "-" + version + ".jar";
            b.append("    jarURI: ").append(jar).append('\n');
            b.append("    entryClass: com.acme.").append(ns.replace('-', '_')).append(".Job").append(i).append('\n');
            b.append("    args:\n      - --source-topic\n      - ").append(topic).append("\n      - --group-id\n      - flink-").append(name).append('\n');
        } else if (kind < 9) {
            b.append("    jarURI: local:///opt/flink/opt/flink-python-1.20.3.jar\n");
            b.append("    entryClass: org.apache.flink.client.python.PythonDriver\n");
            b.append("    args:\n      - -pym\n      - job_").append(i).append(".main\n      - -pyfs\n");
            b.append("      - s3://acme-flink-artifacts/").append(ns).append('/').append(name).append("/job-0.").append(random.nextInt(20))
                    .append(".zip,s3://acme-flink-artifacts/libs/acme_common-2.3.0-py3-none-any.whl\n");
        } else {
            b.append("    jarURI: local:///opt/flink/usrlib/sql-runner.jar\n");
            b.append("    entryClass: org.apache.flink.examples.SqlRunner\n");
            b.append("    args:\n      - |\n");
            b.append("        CREATE TEMPORARY TABLE source_").append(i).append(" (id STRING, amount DOUBLE, ts TIMESTAMP_LTZ(3),\n");
            b.append("          WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE) WITH ('connector' = 'kafka', 'topic' = '").append(topic)
                    .append("', 'properties.bootstrap.servers' = 'b-1.msk.acme.internal:9098', 'format' = 'json');\n");
            b.append("        CREATE TEMPORARY TABLE sink_").append(i).append(" (id STRING, total DOUBLE) WITH ('connector' = 'print');\n");
            b.append("        INSERT INTO sink_").append(i).append(" SELECT id, SUM(amount) FROM source_").append(i).append(" GROUP BY id;\n");
        }
        b.append("    parallelism: ").append(2 * taskManagers).append('\n');
        b.append("    state: ").append(i % 23 == 5 ? "suspended" : "running").append('\n');
        b.append("    upgradeMode: ").append(stateless ? "stateless" : "last-state").append('\n');

        b.append("  podTemplate:\n    spec:\n");
        b.append("      imagePullSecrets:\n        - name: acme-registry\n");
        b.append("      nodeSelector:\n        acme.io/node-pool: flink-").append(random.nextBoolean() ? "shared" : "dedicated").append('\n');
        b.append("      tolerations:\n        - key: acme.io/dedicated\n          operator: Equal\n          value: flink\n          effect: NoSchedule\n");
        b.append("      containers:\n        - name: flink-main-container\n          env:\n");
        b.append("            - name: KAFKA_BOOTSTRAP_SERVERS\n              value: b-1.msk.acme.internal:9098\n");
        if (i % 3 == 0) {
            b.append("            - name: KAFKA_PASSWORD\n              valueFrom:\n                secretKeyRef:\n");
            b.append("                  name: kafka-credentials\n                  key: password\n");
        }
        if (datadog) {
            b.append("            - name: DATADOG_API_KEY\n              valueFrom:\n                secretKeyRef:\n");
            b.append("                  name: datadog\n                  key: api-key\n");
        }
        return b.toString();
    }
}
