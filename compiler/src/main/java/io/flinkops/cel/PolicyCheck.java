package io.flinkops.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.Parallelism;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.source.SourceTree;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YScalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the repo's policies and evaluates each on every Deployment and SessionCluster it matches (docs/policies.md).
 * A policy that does not compile is reported once, at its expression, and not evaluated; one that fails to evaluate
 * or runs out of steps is reported once, at its expression, naming the first resource it failed on.
 */
public final class PolicyCheck {
    private final PolicyEngine engine = new PolicyEngine();
    private final RuleContext context;
    private final SourceTree source;
    /** Compiled expressions (or their errors) by what was compiled; compiling is most of a policy's cost on a cold JVM. */
    private final Map<Compilation, Object> compiled = new ConcurrentHashMap<>();
    /**
     * The rendered objects of each resource ({@code rendered}), by namespace/kind/name; empty when the repo cannot be
     * rendered (its errors are reported by other rules), and then no policy that reads them is evaluated.
     */
    private Optional<Map<String, List<Object>>> rendered = Optional.of(Map.of());
    /** The first evaluation failure of each policy, with how many resources failed. */
    private final Map<PolicyDeclaration, Failure> failures = new LinkedHashMap<>();
    /** The lines of the files policies are written in, for the positions of compile errors. */
    private final Map<String, List<String>> files = new HashMap<>();

    /** One expression to compile: its text, the kind of resource, the type it must have. */
    private record Compilation(String text, String kind, CelType type) {
    }

    private PolicyCheck(RuleContext context, SourceTree source) {
        this.context = context;
        this.source = source;
    }

    /** Checks {@code policies} (not empty) over {@code plan}. */
    public static void run(List<PolicyDeclaration> policies, RepoPlan plan, RuleContext context) {
        new PolicyCheck(context, plan.resolved().loaded().source()).check(policies, plan);
    }

    /** A policy compiled for the kinds it matches. */
    record Ready(PolicyDeclaration declaration, Map<String, PolicyEngine.Compiled> expression, Map<String, PolicyEngine.Compiled> message) {
    }

    private void check(List<PolicyDeclaration> policies, RepoPlan plan) {
        precompile(policies);
        List<Ready> ready = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PolicyDeclaration p : policies) {
            if (!names.add(p.name())) {
                context.diagnostics().report(Code.POLICY_INVALID, p.nameAt(), p.pointer().child("name"),
                        "There is already a policy named `" + p.name() + "`.", "Give each policy its own name: findings name the policy.");
                continue;
            }
            compile(p).ifPresent(ready::add);
        }
        boolean needsRendered = ready.stream().anyMatch(r -> r.expression().values().stream().anyMatch(PolicyEngine.Compiled::readsRendered)
                || r.message().values().stream().anyMatch(PolicyEngine.Compiled::readsRendered));
        rendered = needsRendered ? RenderedObjects.of(plan) : Optional.of(Map.of());
        for (ResourcePlan resource : plan.plans()) evaluateAll(ready, resource);
        failures.forEach((policy, f) -> context.diagnostics().report(f.overBudget ? Code.POLICY_TOO_COSTLY : Code.POLICY_EVALUATION_FAILED,
                policy.expression().location(), policy.expression().pointer(), f.message(policy), f.hint()));
    }

    /** Compiles every expression of {@code policies} on all cores (CEL's environments are immutable); reported in order later. */
    private void precompile(List<PolicyDeclaration> policies) {
        List<Compilation> work = new ArrayList<>();
        for (PolicyDeclaration p : policies) {
            for (String kind : p.kinds()) {
                work.add(new Compilation(p.expression().value(), kind, SimpleType.BOOL));
                p.messageExpression().ifPresent(m -> work.add(new Compilation(m.value(), kind, SimpleType.STRING)));
            }
        }
        work.parallelStream().forEach(this::compiled);
    }

    private Object compiled(Compilation c) {
        return compiled.computeIfAbsent(c, k -> engine.compile(k.text(), k.kind(), k.type()));
    }

    private Optional<Ready> compile(PolicyDeclaration p) {
        Map<String, PolicyEngine.Compiled> expression = new TreeMap<>();
        Map<String, PolicyEngine.Compiled> message = new TreeMap<>();
        if (!compileInto(p, p.expression(), SimpleType.BOOL, expression)) return Optional.empty();
        if (p.messageExpression().isPresent() && !compileInto(p, p.messageExpression().get(), SimpleType.STRING, message)) {
            return Optional.empty();
        }
        return Optional.of(new Ready(p, expression, message));
    }

    /**
     * Compiles {@code text} for each kind the policy matches; reports the first error once (naming the kind only when
     * the expression compiles for another kind, i.e. reads a field that kind does not have).
     */
    private boolean compileInto(PolicyDeclaration p, PolicyDeclaration.Text text, CelType type,
                                Map<String, PolicyEngine.Compiled> into) {
        PolicyEngine.CompileError error = null;
        String failedKind = null;
        for (String kind : new TreeSet<>(p.kinds())) {
            Object result = compiled(new Compilation(text.value(), kind, type));
            if (result instanceof PolicyEngine.Compiled c) {
                into.put(kind, c);
            } else if (error == null) {
                error = (PolicyEngine.CompileError) result;
                failedKind = kind;
            }
        }
        if (error == null) return true;
        String forKind = into.isEmpty() ? "" : " (for a " + failedKind + ")";
        context.diagnostics().report(Code.POLICY_INVALID, position(text, error), text.pointer(),
                "Policy `" + p.name() + "`: the " + (type == SimpleType.BOOL ? "expression" : "message expression") + " does not compile"
                        + forKind + ": " + error.message() + ".",
                "Fix the expression; docs/policies.md lists the variables (object, params, plan) and functions it can use, "
                        + "and `flinkops explain NS/NAME` shows the fields of a resource.");
        return false;
    }

    /**
     * Where in the file CEL's position inside the expression is. A one-line value: its column plus CEL's (plus the quote
     * of a quoted value). A block scalar ({@code |} keeps lines, {@code >} folds them into one): its lines are found
     * under the indicator and CEL's line and column counted through them.
     */
    Location position(PolicyDeclaration.Text text, PolicyEngine.CompileError e) {
        Location at = text.location();
        String first = line(at.file(), at.line());
        int i = at.column() - 1;
        char indicator = i >= 0 && i < first.length() ? first.charAt(i) : ' ';
        if (indicator != '|' && indicator != '>') {
            return new Location(at.file(), at.line(), at.column() + quoteWidth(text) + e.column());
        }
        List<String> block = new ArrayList<>();
        int indent = -1;
        for (int n = at.line() + 1; n <= lastLine(at.file()); n++) {
            String l = line(at.file(), n);
            if (l.isBlank()) {
                block.add("");
                continue;
            }
            int lead = l.length() - l.stripLeading().length();
            if (indent < 0) indent = lead;
            if (lead < indent) break;
            block.add(l.substring(indent));
        }
        if (indent < 0) return at;
        int lineIndex;
        int column;
        if (indicator == '|') {
            lineIndex = Math.min(e.line() - 1, block.size() - 1);
            column = e.column();
        } else {
            // Folded: the expression's one line is the block's lines joined with spaces.
            int offset = e.column();
            lineIndex = 0;
            while (lineIndex < block.size() - 1 && offset > block.get(lineIndex).length()) {
                offset -= block.get(lineIndex).length() + 1;
                lineIndex++;
            }
            column = offset;
        }
        return new Location(at.file(), at.line() + 1 + lineIndex, indent + 1 + column);
    }

    /** 1 when the one-line value is written in quotes (its location is the quote), else 0. */
    private int quoteWidth(PolicyDeclaration.Text text) {
        Location at = text.location();
        String line = line(at.file(), at.line());
        int i = at.column() - 1;
        return i >= 0 && i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\'') ? 1 : 0;
    }

    private int lastLine(String file) {
        line(file, 1);
        return files.get(file).size();
    }

    /** Line {@code number} of {@code file} as written ("" past its end): for the positions of compile errors. */
    private String line(String file, int number) {
        List<String> lines = files.computeIfAbsent(file, f -> source != null && source.read(f, 1 << 20) instanceof SourceTree.Bytes b
                ? new String(b.bytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList() : List.of());
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }

    private static final class Failure {
        final String resource;
        final String error;
        final boolean overBudget;
        int count;

        Failure(String resource, String error, boolean overBudget) {
            this.resource = resource;
            this.error = error;
            this.overBudget = overBudget;
        }

        String message(PolicyDeclaration p) {
            String more = count > 1 ? " (and " + (count - 1) + " more)" : "";
            return overBudget
                    ? "Policy `" + p.name() + "` was stopped after " + PolicyEngine.MAX_STEPS + " evaluation steps on " + resource + more + "."
                    : "Policy `" + p.name() + "` could not be evaluated for " + resource + more + ": " + error + ".";
        }

        String hint() {
            return overBudget
                    ? "Make the expression do less per resource: a policy may take at most " + PolicyEngine.MAX_STEPS
                    + " steps, and a comprehension (all, exists, map, filter) at most " + PolicyEngine.MAX_ITERATIONS + " iterations."
                    : "Guard optional values with has(...) or `in` (e.g. `!('k' in plan.config) || ...`), and check the functions' arguments.";
        }
    }

    private void evaluateAll(List<Ready> ready, ResourcePlan resource) {
        Resolved<?> source = resource.source();
        String kind = resource.kind().resourceKind();
        Map<String, String> labels = labels(source);
        Map<String, Object> variables = null;
        for (Ready r : ready) {
            PolicyDeclaration p = r.declaration();
            if (!p.matches(kind, source.namespace(), labels) || !r.expression().containsKey(kind)) continue;
            if (r.expression().get(kind).readsRendered() && rendered.isEmpty()) continue;
            if (variables == null) variables = variables(resource, kind);
            Map<String, Object> vars = new LinkedHashMap<>(variables);
            vars.put("rendered", rendered.orElse(Map.of()).getOrDefault(RenderedObjects.key(source.namespace(), kind, source.name()), List.of()));
            vars.put("params", PolicyValues.params(p.params()));
            PolicyEngine.Outcome outcome = engine.evaluate(r.expression().get(kind), vars);
            if (outcome.overBudget() || outcome.error().isPresent()) {
                fail(p, source, outcome.error().orElse(""), outcome.overBudget());
            } else if (!(outcome.value() instanceof Boolean verdict)) {
                fail(p, source, "the expression gave " + outcome.value() + ", not true or false", false);
            } else if (!verdict && !context.anyDropped(source, outcome.touched().toArray(FieldPath[]::new))) {
                // (a value the schema stage rejected was reported there: no finding on top)
                report(p, r, kind, vars, source, outcome.touched());
            }
        }
    }

    private void fail(PolicyDeclaration p, Resolved<?> source, String error, boolean overBudget) {
        failures.computeIfAbsent(p, k -> new Failure(source.namespace() + "/" + source.name(), error, overBudget)).count++;
    }

    private void report(PolicyDeclaration p, Ready r, String kind, Map<String, Object> vars, Resolved<?> source, List<FieldPath> touched) {
        String message = p.message().map(PolicyDeclaration.Text::value).orElse("`" + p.expression().value().strip() + "` is false");
        PolicyEngine.Compiled messageProgram = r.message().get(kind);
        if (messageProgram != null) {
            PolicyEngine.Outcome m = engine.evaluate(messageProgram, vars);
            if (m.value() instanceof String s && !s.isBlank()) message = s;
        }
        Code code = p.warning() ? Code.POLICY_WARNING : Code.POLICY_VIOLATED;
        String hint = "Policy `" + p.name() + "` (" + p.at().file() + ":" + p.at().line() + ") "
                + (p.warning() ? "recommends" : "requires") + " this; change the value, or talk to the repo's owners about the policy.";
        Optional<FieldPath> at = firstRead(touched, source);
        String text = "Policy `" + p.name() + "`: " + message.strip() + (message.strip().endsWith(".") ? "" : ".");
        if (at.isPresent()) {
            context.report(code, source, at.get(), text, hint);
        } else {
            FieldPath missing = touched.isEmpty() ? DocumentFields.METADATA_NAME : deepest(touched);
            context.reportMissing(code, source, missing, text, hint);
        }
    }

    /** The first value the evaluation read that the resource has (the longest path of its first chain of reads). */
    static Optional<FieldPath> firstRead(List<FieldPath> touched, Resolved<?> source) {
        for (int i = 0; i < touched.size(); i++) {
            FieldPath p = touched.get(i);
            // `object.spec.x` is read as `object.spec`, then `.x`: the shorter one is a step to the longer.
            if (i + 1 < touched.size() && touched.get(i + 1).startsWith(p) && !touched.get(i + 1).equals(p)) continue;
            if (source.at(p) != null) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static FieldPath deepest(List<FieldPath> touched) {
        FieldPath best = touched.get(0);
        for (FieldPath p : touched) if (p.tokens().size() > best.tokens().size()) best = p;
        return best;
    }

    /** The resource's labels as written (after defaults), for the policies' `match`. */
    private static Map<String, String> labels(Resolved<?> source) {
        Map<String, String> out = new LinkedHashMap<>();
        if (source.at(FieldPath.of("metadata", "labels")) instanceof YMap m) {
            m.entries().forEach((k, e) -> {
                if (e.value() instanceof YScalar s) out.put(k, s.text());
            });
        }
        return out;
    }

    private Map<String, Object> variables(ResourcePlan resource, String kind) {
        Resolved<?> source = resource.source();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("object", PolicyValues.object(source.effective(), engine.types().object(kind), source.name(), source.namespace()));
        vars.put("plan", planFacts(resource));
        return vars;
    }

    /** {@code plan}: what the plan stage made of the resource (docs/policies.md); unknown facts are left out. */
    static Map<String, Object> planFacts(ResourcePlan resource) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("kind", switch (resource.kind()) {
            case APPLICATION -> "application";
            case SESSION_CLUSTER -> "session-cluster";
            case SESSION_JOB -> "session-job";
        });
        if (resource.flinkVersion() != null) plan.put("flinkVersion", resource.flinkVersion());
        Map<String, Object> config = new TreeMap<>();
        resource.configuration().settings().forEach(s -> {
            if (s.value() != null) config.put(s.key(), s.value());
        });
        plan.put("config", config);
        resource.job().ifPresent(job -> {
            plan.put("state", job.vvpState());
            plan.put("upgradeMode", job.runningUpgradeMode());
            plan.put("stateful", job.stateful());
            Parallelism p = job.parallelism();
            plan.put("parallelism", (long) p.running());
            if (p.taskManagers() != null) plan.put("taskManagers", (long) p.taskManagers());
            p.slots().ifPresent(s -> plan.put("slotsPerTaskManager", (long) s.perTaskManager()));
            p.availableSlots().ifPresent(n -> plan.put("availableSlots", n));
        });
        if (resource.job().isEmpty()) {
            resource.source().scalarText(DocumentFields.SPEC.child("state")).ifPresent(s -> plan.put("state", s));
            resource.cluster().ifPresent(c -> {
                if (c.taskManagers() != null) plan.put("taskManagers", (long) c.taskManagers());
            });
        }
        return plan;
    }
}
