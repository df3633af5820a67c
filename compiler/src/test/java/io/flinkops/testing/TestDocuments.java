package io.flinkops.testing;

/** Config-repo documents the tests write again and again, over the base repo of the golden cases (target `prod`). */
public final class TestDocuments {
    private TestDocuments() {
    }

    /**
     * An application-mode JAR Deployment on target {@code prod} with Flink 1.20's image, followed by {@code ---}.
     *
     * @param logging the YAML of its {@code logging} block, indented by 8 spaces (the block's own indentation)
     */
    public static String deployment(String name, String upgrade, String restore, String logging) {
        return """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  deploymentTargetName: prod
                  upgradeStrategy: {kind: %s}
                  restoreStrategy: {kind: %s}
                  template:
                    spec:
                      artifact:
                        kind: JAR
                        jarUri: s3://artifacts/%s.jar
                        flinkImageRegistry: docker.io
                        flinkImageRepository: flink
                        flinkImageTag: 1.20.3-scala_2.12-java17
                      logging:
                %s
                ---
                """.formatted(name, upgrade, restore, name, logging.stripTrailing());
    }

    /**
     * A SessionCluster on target {@code prod} with Flink 1.20's image (no trailing {@code ---}).
     *
     * @param logging the YAML of its {@code logging} block, indented by 4 spaces (the block's own indentation)
     */
    public static String sessionCluster(String name, String logging) {
        return """
                apiVersion: v1
                kind: SessionCluster
                metadata:
                  name: %s
                spec:
                  state: RUNNING
                  deploymentTargetName: prod
                  flinkVersion: "1.20"
                  flinkImageRegistry: docker.io
                  flinkImageRepository: flink
                  flinkImageTag: 1.20.3-scala_2.12-java17
                  resources:
                    jobmanager: {cpu: 1, memory: 1g}
                    taskmanager: {cpu: 1, memory: 1g}
                  logging:
                %s
                """.formatted(name, logging.stripTrailing());
    }
}
