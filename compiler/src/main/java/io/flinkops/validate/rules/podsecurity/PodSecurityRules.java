package io.flinkops.validate.rules.podsecurity;

import io.flinkops.diag.Code;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FO901–FO910: the rendered pod templates meet the Pod Security Standard that flinkops.yaml sets
 * ({@code spec.policy.podSecurity}: privileged, baseline (default) or restricted).
 *
 * <p>The checks follow the Kubernetes Pod Security Admission controller ({@code k8s.io/pod-security-admission},
 * policy version v1.32 and the stricter checks added since), without the relaxations for user-namespaced pods
 * ({@code hostUsers: false}, v1.35), so a pod that passes here passes admission on every current cluster. As
 * there, each control is a check of its own ({@link PodSecurityCheck}), one per code. They run over what will
 * actually run ({@link PodUnits}): the rendered templates with all their containers (main, sidecars, init and
 * ephemeral containers; {@code flink-main-container} counts even when a template does not list it, since Flink adds
 * it), plus the Flink configuration options from which Flink sets pod settings. What Flink and the operator add
 * themselves (ConfigMap volumes, container ports without host ports, a startup probe without host) passes every
 * level, as do the additions of the Flink mapping (environment variables, ConfigMap and Secret volumes).
 *
 * <p>Every violation is reported at the value that causes it, in the file that wrote it (a defaults file, the
 * Deployment, the SessionCluster). A setting that is required but missing is reported where it should be added,
 * with a hint saying what to add.
 */
public final class PodSecurityRules implements Rule {

    /** Every check, one per code, in code order. */
    static final List<PodSecurityCheck> CHECKS = List.of(
            new PrivilegedCheck(),
            new HostNamespacesCheck(),
            new HostPathCheck(),
            new HostPortsCheck(),
            new CapabilitiesCheck(),
            new ProfilesCheck(),
            new KernelCheck(),
            new VolumeTypesCheck(),
            new PrivilegeEscalationCheck(),
            new RunAsRootCheck());

    @Override
    public Set<Code> codes() {
        return CHECKS.stream().map(PodSecurityCheck::code).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        Level level = Level.of(plan.resolved().settings().podSecurity());
        List<PodSecurityCheck> checks = CHECKS.stream().filter(c -> level.includes(c.minimum())).toList();
        if (checks.isEmpty()) return; // privileged
        // Application-mode Deployments and SessionCluster: a session job has no pods of its own.
        plan.clusters().forEach(p -> {
            ClusterPlan cluster = p.cluster().orElseThrow();
            check(checks, PodUnits.of(cluster.kubernetes(), cluster.userPods(), p.fields().kubernetes()),
                    p.ownConfiguration().values().asMap(),
                    code -> new CheckContext(context, p.source(), p.fields().flinkConfiguration(), level, code));
        });
    }

    /**
     * Every check over one resource: its Flink configuration, then its units. Check by check, so that each code
     * reports in the order it always has.
     */
    private static void check(List<PodSecurityCheck> checks, List<PodUnit> units, Map<String, String> flinkConfiguration,
                              Function<Code, CheckContext> contexts) {
        for (PodSecurityCheck check : checks) {
            CheckContext ctx = contexts.apply(check.code());
            check.checkFlinkConfiguration(flinkConfiguration, ctx);
            for (PodUnit unit : units) check.check(unit, ctx);
        }
    }
}
