package io.flinkops.cel;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.SessionClusterSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * Which field of the resource each part of an expression reads: {@code object.spec.template.spec.parallelism} reads
 * {@code /spec/template/spec/parallelism}, {@code plan.config['k']} reads the Flink configuration key {@code k}, and so
 * on. A violation is reported at the first of these the evaluation touched, through the defaults' provenance, so
 * that it points at the line someone wrote rather than at the policy.
 */
final class PolicyPaths {
    private final Map<Long, FieldPath> byExpression = new HashMap<>();
    private final String kind;
    private boolean readsRendered;

    private PolicyPaths(String kind) {
        this.kind = kind;
    }

    /**
     * What an expression reads: the fields of the resource, by the id of the expression that reads each, and whether it
     * reads {@code rendered} (which is rendered only for policies that do).
     */
    record Reads(Map<Long, FieldPath> paths, boolean rendered) {
    }

    /** What the expression {@code root} reads of a resource of {@code kind}. */
    static Reads of(CelExpr root, String kind) {
        PolicyPaths paths = new PolicyPaths(kind);
        paths.walk(root);
        return new Reads(Map.copyOf(paths.byExpression), paths.readsRendered);
    }

    /** The field {@code expr} reads, or null; recorded for every select and index on {@code object} or {@code plan}. */
    private FieldPath walk(CelExpr expr) {
        switch (expr.exprKind().getKind()) {
            case IDENT:
                if (expr.ident().name().equals("rendered")) readsRendered = true;
                return expr.ident().name().equals("object") ? FieldPath.ROOT : null;
            case SELECT: {
                CelExpr operand = expr.select().operand();
                FieldPath base = walk(operand);
                FieldPath path = null;
                if (base != null) {
                    path = base.child(expr.select().field());
                } else if (operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT && operand.ident().name().equals("plan")) {
                    path = planSource(expr.select().field());
                }
                if (path != null) byExpression.put(expr.id(), path);
                return path;
            }
            case CALL: {
                FieldPath result = null;
                expr.call().target().ifPresent(this::walk);
                var args = expr.call().args();
                FieldPath first = args.isEmpty() ? null : walk(args.get(0));
                for (int i = 1; i < args.size(); i++) walk(args.get(i));
                if (expr.call().function().equals("_[_]") && args.size() == 2 && args.get(1).exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
                    CelConstant key = args.get(1).constant();
                    FieldPath base = first != null ? first : configOf(args.get(0));
                    if (base != null && key.getKind() == CelConstant.Kind.STRING_VALUE) result = base.child(key.stringValue());
                    else if (base != null && key.getKind() == CelConstant.Kind.INT64_VALUE) result = base.index((int) key.int64Value());
                }
                if (result != null) byExpression.put(expr.id(), result);
                return result;
            }
            case LIST:
                expr.list().elements().forEach(this::walk);
                return null;
            case MAP:
                expr.map().entries().forEach(e -> {
                    walk(e.key());
                    walk(e.value());
                });
                return null;
            case COMPREHENSION:
                walk(expr.comprehension().iterRange());
                walk(expr.comprehension().accuInit());
                walk(expr.comprehension().loopCondition());
                walk(expr.comprehension().loopStep());
                walk(expr.comprehension().result());
                return null;
            default:
                return null;
        }
    }

    /** {@code plan.config}: the Flink configuration the resource writes. */
    private FieldPath configOf(CelExpr expr) {
        if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.SELECT || !expr.select().field().equals("config")) return null;
        CelExpr operand = expr.select().operand();
        return operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT && operand.ident().name().equals("plan") ? configuration() : null;
    }

    private boolean session() {
        return kind.equals(PolicyDeclaration.SESSION_CLUSTER);
    }

    private FieldPath configuration() {
        return session() ? SessionClusterSpec.SPEC.child("flinkConfiguration") : DeploymentSpec.TEMPLATE_SPEC.child("flinkConfiguration");
    }

    /** Where each fact of {@code plan} comes from in the resource. */
    private FieldPath planSource(String fact) {
        FieldPath spec = session() ? SessionClusterSpec.SPEC : DeploymentSpec.TEMPLATE_SPEC;
        switch (fact) {
            case "flinkVersion":
                return session() ? SessionClusterSpec.FLINK_VERSION : DeploymentSpec.FLINK_VERSION;
            case "state":
                return session() ? SessionClusterSpec.STATE : DeploymentSpec.STATE;
            case "upgradeMode":
            case "stateful":
                return session() ? null : DeploymentSpec.UPGRADE_STRATEGY_KIND;
            case "parallelism":
                return session() ? null : DeploymentSpec.PARALLELISM;
            case "taskManagers":
            case "availableSlots":
                return spec.child("numberOfTaskManagers");
            case "slotsPerTaskManager":
                return configuration().child("taskmanager.numberOfTaskSlots");
            case "config":
                return configuration();
            default:
                return null;
        }
    }
}
