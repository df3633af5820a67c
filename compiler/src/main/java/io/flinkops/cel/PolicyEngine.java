package io.flinkops.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import io.flinkops.model.FieldPath;
import io.flinkops.quantity.FlinkDuration;
import io.flinkops.quantity.FlinkMemorySize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CEL for policies: one environment per resource kind (the variables and flinkops' functions, docs/policies.md),
 * compiling with type checks and evaluating within bounds.
 *
 * <p>Bounds: CEL has no loops but comprehensions ({@code all}, {@code exists}, {@code map}, ...), each limited to
 * {@value #MAX_ITERATIONS} iterations; regular expressions are RE2 (linear time) and limited in size; and every
 * evaluation may take at most {@value #MAX_STEPS} steps (expression nodes evaluated), counted as it runs. So a policy
 * cannot stall a commit or CI, and the limit is the same on every machine (no clock).
 */
final class PolicyEngine {
    static final int MAX_STEPS = 100_000;
    static final int MAX_ITERATIONS = 10_000;
    static final int MAX_EXPRESSION_LENGTH = 10_000;

    private final PolicyTypes types = new PolicyTypes();
    private final Map<String, Cel> byKind = new HashMap<>();

    PolicyEngine() {
        CelOptions options = CelOptions.current()
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .maxRegexProgramSize(1_000)
                .build();
        for (String kind : List.of(PolicyDeclaration.DEPLOYMENT, PolicyDeclaration.SESSION_CLUSTER)) {
            byKind.put(kind, CelFactory.standardCelBuilder()
                    .setOptions(options)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .setTypeProvider(types)
                    // The libraries Kubernetes' CEL has too: strings (join, split, lowerAscii, ...), math, sets,
                    // optionals (`m[?'k'].orValue(v)`), cel.bind.
                    .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(options), CelExtensions.sets(options),
                            CelExtensions.optional(), CelExtensions.bindings())
                    .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(options), CelExtensions.sets(options),
                            CelExtensions.optional())
                    .addVar("object", types.object(kind))
                    .addVar("params", MapType.create(SimpleType.STRING, SimpleType.DYN))
                    .addVar("plan", PolicyTypes.PLAN)
                    .addVar("rendered", ListType.create(MapType.create(SimpleType.STRING, SimpleType.DYN)))
                    .addFunctionDeclarations(
                            CelFunctionDecl.newFunctionDeclaration("flinkDuration",
                                    CelOverloadDecl.newGlobalOverload("flinkDuration_string", SimpleType.DURATION, SimpleType.STRING)),
                            CelFunctionDecl.newFunctionDeclaration("flinkMemory",
                                    CelOverloadDecl.newGlobalOverload("flinkMemory_string", SimpleType.INT, SimpleType.STRING)))
                    .addFunctionBindings(
                            CelFunctionBinding.from("flinkDuration_string", String.class, PolicyEngine::duration),
                            CelFunctionBinding.from("flinkMemory_string", String.class, PolicyEngine::memory))
                    .build());
        }
    }

    PolicyTypes types() {
        return types;
    }

    private static java.time.Duration duration(String text) {
        return FlinkDuration.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "flinkDuration: `" + text + "` is not a Flink duration (a number and a unit such as ms, s, min, h, d)"));
    }

    private static Long memory(String text) {
        FlinkMemorySize.Result r = FlinkMemorySize.parse(text);
        if (!r.ok()) throw new IllegalArgumentException("flinkMemory: `" + text + "` is not a Flink memory size (e.g. 1024m, 2g, 2 gb)");
        return r.bytes();
    }

    /** A CEL expression that did not compile: CEL's message and where in the expression (line from 1, column from 0). */
    record CompileError(String message, int line, int column) {
    }

    /** One compiled expression: its program and what it reads. */
    record Compiled(CelRuntime.Program program, PolicyPaths.Reads reads) {
        boolean readsRendered() {
            return reads.rendered();
        }
    }

    /** Compiles {@code expression} for a resource of {@code kind}, its result of type {@code resultType}. */
    Object compile(String expression, String kind, dev.cel.common.types.CelType resultType) {
        Cel cel = byKind.get(kind);
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            if (!resultType.isAssignableFrom(ast.getResultType()) && ast.getResultType() != SimpleType.DYN) {
                return new CompileError("the expression is of type " + ast.getResultType().name() + ", not " + resultType.name(), 1, 0);
            }
            return new Compiled(cel.createProgram(ast), PolicyPaths.of(ast.getExpr(), kind));
        } catch (CelValidationException e) {
            CelIssue first = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
            if (first == null) return new CompileError(e.getMessage(), 1, 0);
            return new CompileError(first.getMessage(), Math.max(1, first.getSourceLocation().getLine()),
                    Math.max(0, first.getSourceLocation().getColumn()));
        } catch (CelEvaluationException | RuntimeException e) {
            return new CompileError(String.valueOf(e.getMessage()), 1, 0);
        }
    }

    /** The result of one evaluation. */
    record Outcome(Object value, List<FieldPath> touched, Optional<String> error, boolean overBudget) {
    }

    private static final class StepLimit extends RuntimeException {
        StepLimit() {
            super(null, null, false, false);
        }
    }

    Outcome evaluate(Compiled compiled, Map<String, Object> variables) {
        List<FieldPath> touched = new ArrayList<>();
        int[] steps = {0};
        try {
            Object value = compiled.program().trace(variables, (expr, result) -> {
                if (++steps[0] > MAX_STEPS) throw new StepLimit();
                FieldPath path = compiled.reads().paths().get(expr.id());
                if (path != null) touched.add(path);
            });
            return new Outcome(value, touched, Optional.empty(), false);
        } catch (StepLimit e) {
            return new Outcome(null, touched, Optional.empty(), true);
        } catch (CelEvaluationException e) {
            if (causedBy(e, StepLimit.class)) return new Outcome(null, touched, Optional.empty(), true);
            boolean iterations = String.valueOf(e.getMessage()).contains("Iteration budget exceeded");
            return new Outcome(null, touched, iterations ? Optional.empty() : Optional.of(message(e)), iterations);
        } catch (RuntimeException e) {
            if (causedBy(e, StepLimit.class)) return new Outcome(null, touched, Optional.empty(), true);
            return new Outcome(null, touched, Optional.of(message(e)), false);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage() != null ? root.getMessage() : e.getMessage();
        m = m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
        m = m.replaceFirst("^evaluation error(?: at <input>:\\d+)?: ", "");
        // CEL says only the key of a missing map entry or field.
        return root instanceof CelAttributeNotFoundException ? "it reads `" + m + "`, which is not set" : m;
    }
}
