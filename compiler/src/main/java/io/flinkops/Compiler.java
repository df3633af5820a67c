package io.flinkops;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.load.ChangeImpact;
import io.flinkops.load.LoadedRepo;
import io.flinkops.load.Loader;
import io.flinkops.load.Neighbours;
import io.flinkops.load.Scope;
import io.flinkops.migration.Migration;
import io.flinkops.migration.MigrationReport;
import io.flinkops.plan.Planner;
import io.flinkops.plan.RepoPlan;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.Renderer;
import io.flinkops.resolve.KnockOns;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.resolve.Resolver;
import io.flinkops.schema.SchemaResults;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.suppress.Suppressions;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.Rules;

import java.util.Optional;
import java.util.Set;

/**
 * The library facade: load → schema → resolve → plan → validate → render. The CLI, the agent and the tests call
 * this, never the stages directly. Every check is a rule over the plan, so one run reports every problem; rendering
 * runs only on a repo without errors and reports nothing, so nothing invalid is ever emitted.
 */
public final class Compiler {

    public Compilation compile(SourceTree source) {
        return compile(source, Optional.empty());
    }

    /** @param cluster render only this cluster (all when empty) */
    public Compilation compile(SourceTree source, Optional<String> cluster) {
        Diagnostics diagnostics = new Diagnostics();
        LoadedRepo loaded = new Loader().load(source, diagnostics);
        RepoPlan plan = Planner.plan(Resolver.resolve(SchemaResults.check(loaded, diagnostics), diagnostics));
        checkRules(plan, diagnostics);
        Diagnostics decided = Suppressions.apply(diagnostics, source, plan.resolved().repository());
        Optional<RenderOutput> output = decided.hasErrors() ? Optional.empty()
                : Optional.of(new Renderer().render(plan, new RenderContext(cluster)));
        return new Compilation(plan, output, decided);
    }

    /**
     * What would break if every Deployment and SessionCluster of {@code source} ran Flink {@code flinkVersion}
     * ({@code flinkops validate --flink-version}): the rules run over the plan as written and over the plan with that
     * version, and the report lists, per resource, the problems only the second run has.
     *
     * @param flinkVersion a minor version, e.g. {@code "2.0"}
     */
    public MigrationReport migrationTo(SourceTree source, String flinkVersion) {
        Diagnostics current = new Diagnostics();
        LoadedRepo loaded = new Loader().load(source, current);
        ResolvedRepo resolved = Resolver.resolve(SchemaResults.check(loaded, current), current);
        RepoPlan plan = Planner.plan(resolved);
        checkRules(plan, current);
        RepoPlan moved = Planner.plan(resolved, Optional.of(flinkVersion));
        Diagnostics after = new Diagnostics();
        checkRules(moved, after);
        return Migration.report(flinkVersion, plan, current, moved, after);
    }

    /**
     * Checks {@code source} where the changes from {@code base} can have an effect (a pre-commit check of the
     * staged index against HEAD): see {@link ChangeImpact} for what depends on what, and
     * {@link #check(SourceTree, Scope)} for what a scoped check reports.
     */
    public Compilation checkChanges(SourceTree base, SourceTree source) {
        return check(source, ChangeImpact.of(base, source, Sources.changes(base, source)));
    }

    /**
     * Checks the namespaces of {@code scope} and the repo-wide files, and reports their problems as
     * {@link #compile(SourceTree)} would: the other namespaces are not loaded, except those whose objects could
     * collide with the checked ones (FO203; see {@link Neighbours}), which are loaded for that comparison only
     * and whose own problems are not reported. Nothing is rendered ({@code output} is empty). A scope of everything
     * is a plain {@link #compile(SourceTree)}.
     */
    public Compilation check(SourceTree source, Scope scope) {
        if (scope.everything()) {
            Compilation all = compile(source);
            return new Compilation(all.plan(), all.output(), all.diagnostics(), scope);
        }
        Diagnostics diagnostics = new Diagnostics();
        Loader loader = new Loader();
        LoadedRepo loaded = loader.load(source, scope::includes, diagnostics);
        RepoPlan plan = Planner.plan(Resolver.resolve(SchemaResults.check(loaded, diagnostics), diagnostics));
        Diagnostics within = new Diagnostics();
        Rules.checkWithinNamespaces(plan, new RuleContext(within, plan.resolved().knockOns()));
        addWithoutKnockOns(plan, within, diagnostics);

        Set<String> neighbours = Neighbours.of(source, loaded, scope::includes);
        RepoPlan across = plan;
        if (!neighbours.isEmpty()) {
            // The neighbours' own problems are not this check's business: their diagnostics go nowhere.
            Diagnostics ignored = new Diagnostics();
            LoadedRepo wider = loader.load(source, ns -> scope.includes(ns) || neighbours.contains(ns), ignored);
            across = Planner.plan(Resolver.resolve(SchemaResults.check(wider, ignored), ignored));
        }
        // Of the cross-namespace findings, only those in checked namespaces are kept (each is reported at its
        // own resource, so a neighbour's side of a conflict is in the neighbour's folder).
        Diagnostics found = new Diagnostics();
        Rules.checkAcrossNamespaces(across, new RuleContext(found, across.resolved().knockOns()));
        KnockOns knockOns = across.resolved().knockOns();
        for (Diagnostic d : found.sorted()) {
            if (knockOns.isKnockOn(d)) continue;
            String ns = Loader.namespaceOf(d.file());
            if (ns == null || ns.isEmpty() || scope.includes(ns)) diagnostics.add(d);
        }

        return new Compilation(plan, Optional.empty(), Suppressions.apply(diagnostics, source, plan.resolved().repository()), scope);
    }

    /** Runs every rule over {@code plan} into {@code into}, without knock-ons (see {@link #addWithoutKnockOns}). */
    private static void checkRules(RepoPlan plan, Diagnostics into) {
        Diagnostics found = new Diagnostics();
        Rules.check(plan, new RuleContext(found, plan.resolved().knockOns()));
        addWithoutKnockOns(plan, found, into);
    }

    /** The rules' findings, except knock-ons of values whose problem the schema stage already reported. */
    private static void addWithoutKnockOns(RepoPlan plan, Diagnostics found, Diagnostics into) {
        KnockOns knockOns = plan.resolved().knockOns();
        for (Diagnostic d : found.sorted()) {
            if (!knockOns.isKnockOn(d)) into.add(d);
        }
    }
}
