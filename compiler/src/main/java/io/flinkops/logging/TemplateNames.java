package io.flinkops.logging;

import io.flinkops.diag.Suggestions;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import io.pebbletemplates.pebble.extension.core.CoreExtension;
import io.pebbletemplates.pebble.node.AutoEscapeNode;
import io.pebbletemplates.pebble.node.EmbedNode;
import io.pebbletemplates.pebble.node.ExtendsNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.FromNode;
import io.pebbletemplates.pebble.node.ImportNode;
import io.pebbletemplates.pebble.node.IncludeNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.PositionalArgumentNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.TestInvocationExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterExpression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.node.expression.PositiveTestExpression;
import io.pebbletemplates.pebble.utils.Pair;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a compiled log template defines and uses: variables, filters, functions, tests, the tags that would load
 * other templates and those that turn the escaping off. {@link LogTemplates#analyze} reports the unknown ones.
 * Scoping is ignored: a name set anywhere counts as known.
 */
final class TemplateNames {
    /** Names Pebble itself provides while rendering. */
    private static final Set<String> PEBBLE_NAMES = Set.of("loop", "_self", "_context", "_locale");

    private TemplateNames() {
    }

    /** The names of the template whose root node is {@code root}. */
    static TemplateNames of(Node root) {
        TemplateNames names = new TemplateNames();
        names.walk(root);
        return names;
    }

    private record Use(String name, int line) {
    }

    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> defined = new TreeSet<>();
    /** Names a template asks about (`x is defined`, `x | default(…)`): it expects they may be missing. */
    private final Set<String> guarded = new TreeSet<>();
    private final Set<String> macros = new TreeSet<>();
    private final List<Use> variables = new ArrayList<>();
    private final List<Use> filters = new ArrayList<>();
    private final List<Use> functions = new ArrayList<>();
    private final List<Use> tests = new ArrayList<>();
    private final List<Use> tags = new ArrayList<>();
    /** Filters and tags that turn off the properties escaping of printed values. */
    private final List<Use> unescaped = new ArrayList<>();

    private void walk(Object o) {
        if (o == null || !seen.add(o)) return;
        if (o instanceof Collection<?> c) {
            c.forEach(this::walk);
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                walk(k);
                walk(v);
            });
            return;
        }
        if (o instanceof Pair<?, ?> p) {
            walk(p.getLeft());
            walk(p.getRight());
            return;
        }
        if (!(o instanceof Node)) return;
        // `x is defined` and `x | default(...)` are how a template asks about a variable: not a use of it.
        if (o instanceof PositiveTestExpression t && t.getRightExpression() instanceof TestInvocationExpression test
                && (test.getTestName().equals("defined") || test.getTestName().equals("null"))) {
            walkExceptRoot(t.getLeftExpression());
            walk(test);
            return;
        }
        if (o instanceof FilterExpression f && f.getRightExpression() instanceof FilterInvocationExpression inv
                && inv.getFilterName().equals("default")) {
            walkExceptRoot(f.getLeftExpression());
            walk(inv);
            return;
        }
        if (o instanceof ContextVariableExpression v) variables.add(new Use(v.getName(), v.getLineNumber()));
        else if (o instanceof ForNode f) defined.add(f.getIterationVariable());
        else if (o instanceof SetNode s) defined.add(s.getName());
        else if (o instanceof MacroNode m) macros.add(m.getName());
        else if (o instanceof NamedArgumentNode a) defined.add(a.getName());
        else if (o instanceof FilterInvocationExpression f) {
            filters.add(new Use(f.getFilterName(), f.getLineNumber()));
            if (turnsOffEscaping(f)) unescaped.add(new Use(f.getFilterName(), f.getLineNumber()));
        } else if (o instanceof AutoEscapeNode a && (!a.isActive() || a.getStrategy() != null && !a.getStrategy().equals(PropertiesEscaping.NAME))) {
            unescaped.add(new Use("autoescape", a.getLineNumber()));
        }
        else if (o instanceof FunctionOrMacroInvocationExpression f) functions.add(new Use(f.getFunctionName(), f.getLineNumber()));
        else if (o instanceof TestInvocationExpression t) tests.add(new Use(t.getTestName(), t.getLineNumber()));
        else if (o instanceof IncludeNode n) tags.add(new Use("include", n.getLineNumber()));
        else if (o instanceof EmbedNode n) tags.add(new Use("embed", n.getLineNumber()));
        else if (o instanceof ExtendsNode n) tags.add(new Use("extends", n.getLineNumber()));
        else if (o instanceof ImportNode n) tags.add(new Use("import", n.getLineNumber()));
        else if (o instanceof FromNode n) tags.add(new Use("from", n.getLineNumber()));
        children(o);
    }

    /** Walks an expression without counting its root variable as a use. */
    private void walkExceptRoot(Object expression) {
        if (expression instanceof ContextVariableExpression v) {
            guarded.add(v.getName());
            return;
        }
        if (expression instanceof GetAttributeExpression g) {
            walkExceptRoot(g.getNode());
            walk(g.getAttributeNameExpression());
            walk(g.getArgumentsNode());
            return;
        }
        walk(expression);
    }

    /** Every node, list, map or pair held by a field of {@code o} (Pebble's nodes have no common child accessor). */
    private void children(Object o) {
        NodeFields.forEachFieldValue(o, this::walk);
    }

    List<LogTemplates.Problem> problems(String subject, ExtensionRegistry registry) {
        Set<String> known = new TreeSet<>(LogTemplates.VARIABLES);
        Set<String> knownHere = new TreeSet<>(known);
        knownHere.addAll(defined);
        knownHere.addAll(PEBBLE_NAMES);
        knownHere.addAll(guarded);
        List<LogTemplates.Problem> out = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Use v : variables) {
            if (knownHere.contains(v.name()) || !reported.add("v" + v.name() + "@" + v.line())) continue;
            Set<String> candidates = new TreeSet<>(known);
            defined.stream().filter(d -> !d.startsWith(TwigPairLoops.PAIR_PREFIX)).forEach(candidates::add);
            String dym = Suggestions.didYouMean(v.name(), candidates);
            out.add(new LogTemplates.Problem(v.line(), v.name(), subject + " uses the unknown variable `" + v.name() + "`.",
                    (dym.isEmpty() ? "" : dym + " ") + "Known variables: " + String.join(", ", known) + "."));
        }
        CoreExtension core = new CoreExtension();
        for (Use f : filters) {
            if (registry.getFilter(f.name()) != null || !reported.add("f" + f.name() + "@" + f.line())) continue;
            out.add(unknown(subject, "filter", f, core.getFilters().keySet()));
        }
        for (Use f : functions) {
            if (registry.getFunction(f.name()) != null || macros.contains(f.name()) || !reported.add("g" + f.name() + "@" + f.line())) continue;
            Set<String> candidates = new TreeSet<>(core.getFunctions().keySet());
            candidates.addAll(macros);
            out.add(unknown(subject, "function", f, candidates));
        }
        for (Use t : tests) {
            if (registry.getTest(t.name()) != null || !reported.add("t" + t.name() + "@" + t.line())) continue;
            out.add(unknown(subject, "test", t, core.getTests().keySet()));
        }
        for (Use t : tags) {
            out.add(new LogTemplates.Problem(t.line(), t.name(), subject + " uses `{% " + t.name() + " %}`, but a log template must be self-contained.",
                    "Copy the text it refers to into the template."));
        }
        for (Use u : unescaped) {
            boolean tag = u.name().equals("autoescape");
            out.add(new LogTemplates.Problem(u.line(), u.name(), subject + " turns off the escaping of printed values with "
                    + (tag ? "`{% autoescape %}`" : "the `" + u.name() + "` filter") + ", so a logger name could add lines to the configuration.",
                    tag ? "Remove the `{% autoescape %}` tag: values are escaped for the properties file already."
                            : "Remove `| " + u.name() + "`: values are escaped for the properties file already."));
        }
        return out;
    }

    private static LogTemplates.Problem unknown(String subject, String what, Use use, Collection<String> candidates) {
        String dym = Suggestions.didYouMean(use.name(), candidates);
        return new LogTemplates.Problem(use.line(), use.name(), subject + " uses the unknown " + what + " `" + use.name() + "`.",
                dym.isEmpty() ? "Use one of Pebble's " + what + "s: " + String.join(", ", new TreeSet<>(candidates)) + "." : dym);
    }

    /**
     * The {@code escape} Pebble wraps around every printed value (with the strategy of the enclosing {@code autoescape}
     * tag, which is reported itself): named arguments but no positional ones, which no written filter call has (with
     * parentheses both are lists; without, neither is).
     */
    private static boolean addedByAutoescaping(FilterInvocationExpression f) {
        return f.getArgs() != null && f.getArgs().getPositionalArgs() == null && f.getArgs().getNamedArgs() != null;
    }

    /**
     * True for {@code raw}, and for {@code escape} with a strategy other than ours: both print a value without
     * the properties escaping (HTML escaping, for one, keeps line breaks and {@code $}{@code {}).
     */
    private static boolean turnsOffEscaping(FilterInvocationExpression f) {
        if (f.getFilterName().equals("raw")) return true;
        if (!f.getFilterName().equals("escape") || addedByAutoescaping(f)) return false;
        Expression<?> strategy = null;
        if (f.getArgs() != null) {
            List<PositionalArgumentNode> positional = f.getArgs().getPositionalArgs();
            if (positional != null && !positional.isEmpty()) strategy = positional.get(0).getValueExpression();
            for (NamedArgumentNode n : f.getArgs().getNamedArgs() == null ? List.<NamedArgumentNode>of() : f.getArgs().getNamedArgs()) {
                if (n.getName().equals("strategy")) strategy = n.getValueExpression();
            }
        }
        return strategy != null && !(strategy instanceof LiteralStringExpression l && PropertiesEscaping.NAME.equals(l.getValue()));
    }
}
