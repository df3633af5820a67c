package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.pods.PodTemplateSet;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FO320: a checkpoint, savepoint or high-availability storage directory on the pods' own file system ({@code file://}
 * or a path without a scheme) must be on a persistent volume mounted at that path in the main container of the pods
 * that write it (JobManager and TaskManagers; HA storage: the JobManager). Otherwise the state is written into the
 * container and lost when a pod is replaced. Checked for application-mode Deployments and SessionClusters, on the
 * effective configuration and the pods as written ({@code kubernetes.pods.volumeMounts} or the pod templates).
 */
public final class LocalStateDirRules implements Rule {
    /** Volume types whose contents do not outlive the pod or stay on one node. */
    private static final Set<String> NOT_DURABLE = Set.of("emptyDir", "ephemeral", "hostPath", "configMap", "secret",
            "downwardAPI", "projected", "gitRepo");

    private record Dir(FlinkOption option, String what, boolean taskManagersWrite) {
    }

    private static final List<Dir> DIRS = List.of(
            new Dir(FlinkOptions.CHECKPOINT_DIR, "checkpoints", true),
            new Dir(FlinkOptions.SAVEPOINT_DIR, "savepoints", true),
            new Dir(FlinkOptions.HA_STORAGE_DIR, "high-availability metadata", false));

    @Override
    public Set<Code> codes() {
        return Set.of(Code.LOCAL_STATE_DIR_WITHOUT_VOLUME);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.clusters().forEach(p -> check(p, p.cluster().orElseThrow(), context));
    }

    private static void check(ResourcePlan p, ClusterPlan cluster, RuleContext context) {
        PodTemplateSet pods = null;
        for (Dir dir : DIRS) {
            Optional<LocatedSetting> setting = p.configuration().setting(dir.option());
            if (setting.isEmpty()) continue;
            String value = p.emittedConfiguration().getOrDefault(setting.get().key(), setting.get().value()).trim();
            Optional<String> path = localPath(value);
            if (path.isEmpty()) continue;
            if (pods == null) pods = cluster.userPods();
            List<String> problems = new ArrayList<>();
            problem("JobManager", path.get(), pods.common(), pods.jobManager()).ifPresent(problems::add);
            if (dir.taskManagersWrite()) problem("TaskManager", path.get(), pods.common(), pods.taskManager()).ifPresent(problems::add);
            if (problems.isEmpty()) continue;
            LocatedSetting s = setting.get();
            context.diagnostics().report(Code.LOCAL_STATE_DIR_WITHOUT_VOLUME, s.location(), s.pointer(),
                    "`" + s.key() + "` `" + value + "` keeps the " + dir.what() + " of " + p.describe() + " inside the pods, but "
                            + String.join(", and ", problems) + ": they are lost when a pod is replaced.",
                    "Mount a PersistentVolumeClaim (ReadWriteMany, shared by " + (dir.taskManagersWrite() ? "JobManager and TaskManagers" : "the JobManagers")
                            + ") at `" + path.get() + "` in `kubernetes.pods.volumeMounts` or the pod templates, or use durable storage such as `s3://`.");
        }
    }

    /** The path of a directory on the pod's own file system: {@code file:///x}, {@code file:/x} or {@code /x}. */
    static Optional<String> localPath(String value) {
        if (value.contains("${") || value.contains("{{")) return Optional.empty();
        String v = value;
        if (v.regionMatches(true, 0, "file://", 0, 7)) v = v.substring(7);
        else if (v.regionMatches(true, 0, "file:", 0, 5)) v = v.substring(5);
        else if (v.contains(":")) return Optional.empty(); // another file system
        if (!v.startsWith("/")) return Optional.empty(); // file://host/... or a relative path: not judged
        return Optional.of(v);
    }

    /** Why the role's main container has no durable volume at {@code path}, or empty when it has one. */
    private static Optional<String> problem(String role, String path, ObjectNode common, ObjectNode own) {
        Map<String, String> mounts = new LinkedHashMap<>(); // mount path -> volume name
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        for (ObjectNode template : new ObjectNode[] {common, own}) {
            if (template == null) continue;
            JsonNode spec = template.path("spec");
            for (JsonNode v : spec.path("volumes")) volumes.put(v.path("name").asText(), v);
            for (JsonNode c : spec.path("containers")) {
                if (!PodTemplates.MAIN_CONTAINER.equals(c.path("name").asText())) continue;
                for (JsonNode m : c.path("volumeMounts")) mounts.put(m.path("mountPath").asText(), m.path("name").asText());
            }
        }
        String best = null;
        for (String mountPath : mounts.keySet()) {
            String prefix = mountPath.endsWith("/") ? mountPath : mountPath + "/";
            if ((path.equals(mountPath) || path.startsWith(prefix) || mountPath.equals("/")) && (best == null || mountPath.length() > best.length())) {
                best = mountPath;
            }
        }
        if (best == null) return Optional.of("no volume is mounted there in the " + role + " pods");
        String volume = mounts.get(best);
        JsonNode v = volumes.get(volume);
        if (v == null) return Optional.empty(); // a volume defined elsewhere (FO802 reports a missing one)
        for (String type : NOT_DURABLE) {
            if (v.has(type)) {
                return Optional.of("volume `" + volume + "` mounted at `" + best + "` in the " + role + " pods is of type `" + type
                        + "`, which does not outlive the pod");
            }
        }
        return Optional.empty();
    }
}
