package io.flinkops.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.JobModes;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code flinkops policy test}: each policy's own cases (its {@code tests}), like {@code opa test} and
 * {@code conftest verify}. A case is a resource as it would be after defaults ({@code object}: metadata and spec),
 * optionally the plan facts the expression reads ({@code plan}); it passes when the policy's verdict is the one
 * expected. A policy that does not compile fails all its cases.
 */
public final class PolicyTests {

    /** One case's result. {@code outcome}: pass, fail or an error (the evaluation failed or ran out of steps). */
    public record Result(String policy, String test, String expected, String outcome, boolean ok) {
    }

    private PolicyTests() {
    }

    public static List<Result> run(List<PolicyDeclaration> policies) {
        PolicyEngine engine = new PolicyEngine();
        List<Result> out = new ArrayList<>();
        for (PolicyDeclaration p : policies) {
            for (YMap test : p.tests()) {
                String name = test.text("name").orElse("?");
                String expected = test.text("expect").orElse("pass");
                String kind = test.text("kind").orElse(PolicyDeclaration.DEPLOYMENT);
                if (!p.kinds().contains(kind)) {
                    out.add(new Result(p.name(), name, expected, "the policy does not match a " + kind, false));
                    continue;
                }
                Object compiled = engine.compile(p.expression().value(), kind, SimpleType.BOOL);
                if (compiled instanceof PolicyEngine.CompileError e) {
                    out.add(new Result(p.name(), name, expected, "does not compile: " + e.message(), false));
                    continue;
                }
                Map<String, Object> vars = variables(engine, p, test, kind);
                PolicyEngine.Outcome o = engine.evaluate((PolicyEngine.Compiled) compiled, vars);
                String outcome = o.overBudget() ? "stopped after " + PolicyEngine.MAX_STEPS + " steps"
                        : o.error().map(e -> "error: " + e).orElse(Boolean.TRUE.equals(o.value()) ? "pass" : "fail");
                out.add(new Result(p.name(), name, expected, outcome, outcome.equals(expected)));
            }
        }
        return out;
    }

    private static Map<String, Object> variables(PolicyEngine engine, PolicyDeclaration p, YMap test, String kind) {
        YNode object = test.get("object");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("object", PolicyValues.object(object, engine.types().object(kind), "test", test.text("namespace").orElse("test")));
        vars.put("params", PolicyValues.params(p.params()));
        vars.put("plan", plan(object instanceof YMap m ? m : null, test.get("plan"), kind));
        Object rendered = test.get("rendered") == null ? null : PolicyValues.dyn(test.get("rendered"));
        vars.put("rendered", rendered instanceof List<?> l ? l : List.of());
        return vars;
    }

    /** The plan facts of a case: those it gives, else what its spec says directly. */
    private static Map<String, Object> plan(YMap object, YNode given, String kind) {
        Map<String, Object> plan = new LinkedHashMap<>();
        boolean session = kind.equals(PolicyDeclaration.SESSION_CLUSTER);
        FieldPath spec = session ? FieldPath.of("spec") : FieldPath.of("spec", "template", "spec");
        plan.put("kind", session ? "session-cluster" : "application");
        Map<String, Object> config = new TreeMap<>();
        if (object != null) {
            if (JsonPointers.find(object, spec.child("flinkConfiguration").tokens()) instanceof YMap c) {
                c.entries().forEach((k, e) -> {
                    if (e.value() instanceof YScalar s) config.put(k, s.text());
                });
            }
            text(object, session ? FieldPath.of("spec", "flinkVersion") : spec.child("artifact", "flinkVersion")).ifPresent(v -> plan.put("flinkVersion", v));
            text(object, FieldPath.of("spec", "state")).ifPresent(v -> plan.put("state", v));
            Long tms = number(object, spec.child("numberOfTaskManagers"));
            if (tms != null) plan.put("taskManagers", tms);
            String slotsText = (String) config.get("taskmanager.numberOfTaskSlots");
            Long slots = slotsText != null && slotsText.strip().matches("\\d+") ? Long.parseLong(slotsText.strip()) : null;
            if (slots != null) {
                plan.put("slotsPerTaskManager", slots);
                if (tms != null) plan.put("availableSlots", tms * slots);
            }
            if (!session) {
                // As the plan stage has it: with numberOfTaskManagers, the job runs with TaskManagers × slots.
                Long declared = number(object, spec.child("parallelism"));
                Long running = declared;
                if (tms != null) running = tms * (slots != null ? slots : 1L);
                if (running != null) plan.put("parallelism", running);
                String upgrade = text(object, FieldPath.of("spec", "upgradeStrategy", "kind")).orElse(null);
                String restore = text(object, FieldPath.of("spec", "restoreStrategy", "kind")).orElse(null);
                if (upgrade != null) {
                    String mode = JobModes.runningUpgradeMode(new DeploymentSpec(null, null, null, new DeploymentSpec.KindRef(upgrade),
                            new DeploymentSpec.RestoreStrategy(restore, null), null, null, null, null), false, RepositorySpec.DEFAULT_OPERATOR_VERSION);
                    plan.put("upgradeMode", mode);
                    plan.put("stateful", !mode.equals(JobModes.STATELESS));
                }
            }
        }
        plan.put("config", config);
        if (given instanceof YMap g) {
            g.entries().forEach((k, e) -> {
                CelType type = PolicyTypes.field(PolicyTypes.PLAN, k).orElse(SimpleType.DYN);
                Object v = PolicyValues.of(e.value(), type);
                if (v != null) plan.put(k, v);
            });
        }
        return plan;
    }

    private static java.util.Optional<String> text(YMap root, FieldPath path) {
        return JsonPointers.find(root, path.tokens()) instanceof YScalar s && s.type() != YScalar.Type.NULL ? java.util.Optional.of(s.text()) : java.util.Optional.empty();
    }

    private static Long number(YMap root, FieldPath path) {
        return text(root, path).filter(t -> t.strip().matches("-?\\d+")).map(t -> Long.parseLong(t.strip())).orElse(null);
    }
}
