package io.flinkops.resolve;

import io.flinkops.yaml.JsonPointers;

/** JSON pointers into the documents, for rules that report on well-known fields. */
public final class Pointers {
    public static final String TEMPLATE_SPEC = "/spec/template/spec";
    public static final String ARTIFACT = TEMPLATE_SPEC + "/artifact";
    public static final String DEPLOYMENT_FLINK_CONFIGURATION = TEMPLATE_SPEC + "/flinkConfiguration";
    public static final String SESSION_CLUSTER_FLINK_CONFIGURATION = "/spec/flinkConfiguration";

    private Pointers() {
    }

    /** The pointer of one Flink configuration key of a Deployment. */
    public static String deploymentConfigKey(String key) {
        return JsonPointers.append(DEPLOYMENT_FLINK_CONFIGURATION, key);
    }

    public static String sessionClusterConfigKey(String key) {
        return JsonPointers.append(SESSION_CLUSTER_FLINK_CONFIGURATION, key);
    }
}
