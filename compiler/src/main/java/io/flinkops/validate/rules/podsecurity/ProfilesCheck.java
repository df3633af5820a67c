package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Baseline "AppArmor", "SELinux" and "Seccomp", restricted "Seccomp": no loosened profile; at restricted, a seccomp profile everywhere. */
final class ProfilesCheck extends PodSecurityCheck {

    private static final Set<String> SELINUX_TYPES = new TreeSet<>(List.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t"));
    private static final Set<String> SECURE_PROFILE_TYPES = Set.of("RuntimeDefault", "Localhost");
    private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
    /** From which Flink sets the pods' annotations. */
    private static final List<String> ANNOTATION_OPTIONS = List.of("kubernetes.jobmanager.annotations", "kubernetes.taskmanager.annotations");
    private static final String APPARMOR_HINT = "Use `runtime/default` or `localhost/<profile>`, or remove the annotation.";

    ProfilesCheck() {
        super(Code.POD_SECURITY_PROFILES, Level.BASELINE);
    }

    @Override
    void checkFlinkConfiguration(Map<String, String> config, CheckContext ctx) {
        for (String option : ANNOTATION_OPTIONS) {
            String value = config.get(option);
            if (value == null) continue;
            for (String pair : value.split(",")) {
                int colon = pair.indexOf(':');
                if (colon < 0) continue;
                String key = pair.substring(0, colon).strip();
                String profile = pair.substring(colon + 1).strip();
                if (key.startsWith(APPARMOR_ANNOTATION) && !allowedAppArmorAnnotation(profile)) {
                    ctx.reportOption(option, "`" + option + "` gives the pods the annotation `" + key + ": " + profile + "`, an AppArmor profile"
                            + " that Pod Security level `" + ctx.level().id() + "` forbids.", APPARMOR_HINT);
                }
            }
        }
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        profiles(unit, ctx, FieldPath.of("spec", "securityContext"), unit.securityContext(), unit.podSecurityContext());
        for (Map.Entry<String, JsonNode> e : unit.pod().path("metadata").path("annotations").properties()) {
            if (e.getKey().startsWith(APPARMOR_ANNOTATION) && !allowedAppArmorAnnotation(e.getValue().asText())) {
                ctx.report(unit, FieldPath.of("metadata", "annotations", e.getKey()),
                        "The annotation `" + e.getKey() + ": " + e.getValue().asText() + "` " + unit.of()
                                + " selects an AppArmor profile that Pod Security level `" + ctx.level().id() + "` forbids.", APPARMOR_HINT);
            }
        }
        for (Container c : unit.containers()) profiles(unit, ctx, c.securityContextAt(), c.securityContext(), Wording.describe(unit, c));
        if (ctx.level() == Level.RESTRICTED) seccompRequired(unit, ctx);
    }

    /** The AppArmor, SELinux and seccomp settings of the security context {@code sc}, written at {@code at}, of {@code who}. */
    private static void profiles(PodUnit unit, CheckContext ctx, FieldPath at, JsonNode sc, String who) {
        String forbids = ctx.level().forbids();
        JsonNode appArmor = sc.path("appArmorProfile").path("type");
        if (appArmor.isTextual() && !SECURE_PROFILE_TYPES.contains(appArmor.asText())) {
            ctx.report(unit, at.child("appArmorProfile", "type"), who + " sets the AppArmor profile type `" + appArmor.asText() + "`" + forbids + ".",
                    "Use `RuntimeDefault` or `Localhost`, or remove `appArmorProfile`.");
        }
        JsonNode seLinux = sc.path("seLinuxOptions");
        JsonNode type = seLinux.path("type");
        if (type.isTextual() && !type.asText().isEmpty() && !SELINUX_TYPES.contains(type.asText())) {
            ctx.report(unit, at.child("seLinuxOptions", "type"), who + " sets the SELinux type `" + type.asText() + "`" + forbids + ".",
                    "Use " + String.join(", ", SELINUX_TYPES) + ", or remove `seLinuxOptions.type`.");
        }
        for (String field : List.of("user", "role")) {
            if (seLinux.path(field).isTextual() && !seLinux.path(field).asText().isEmpty()) {
                ctx.report(unit, at.child("seLinuxOptions", field),
                        who + " sets a custom SELinux " + field + " (`" + seLinux.path(field).asText() + "`)" + forbids + ".",
                        "Remove `seLinuxOptions." + field + "`.");
            }
        }
        JsonNode seccomp = sc.path("seccompProfile").path("type");
        if (seccomp.isTextual() && !SECURE_PROFILE_TYPES.contains(seccomp.asText())) {
            ctx.report(unit, at.child("seccompProfile", "type"), who + " sets the seccomp profile type `" + seccomp.asText() + "`" + forbids + ".",
                    "Use `RuntimeDefault` (or `Localhost` with a profile installed on the nodes).");
        }
    }

    /** Restricted: every container has a seccomp profile, its own or the pod's; one report for the pod names those without. */
    private static void seccompRequired(PodUnit unit, CheckContext ctx) {
        JsonNode podType = unit.securityContext().path("seccompProfile").path("type");
        if (podType.isTextual()) return; // secure, or reported above; either way the containers inherit it
        List<String> none = new ArrayList<>();
        for (Container c : unit.containers()) {
            if (!c.securityContext().path("seccompProfile").path("type").isTextual()) none.add(c.name());
        }
        if (none.isEmpty()) return;
        ctx.report(unit, FieldPath.of("spec", "securityContext", "seccompProfile"),
                Wording.containers(unit, none) + " " + (none.size() == 1 ? "has" : "have")
                        + " no seccomp profile: neither " + (none.size() == 1 ? "it" : "they")
                        + " nor the pod set `seccompProfile.type` to `RuntimeDefault` or `Localhost`" + ctx.level().requires() + ".",
                Wording.podLevelHint(unit, "`seccompProfile: {type: RuntimeDefault}`", ""));
    }

    private static boolean allowedAppArmorAnnotation(String profile) {
        return profile.isEmpty() || profile.equals("runtime/default") || profile.startsWith("localhost/");
    }
}
