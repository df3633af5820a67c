package io.flinkops;

import io.flinkops.diag.Diagnostics;
import io.flinkops.load.Document;
import io.flinkops.load.LoadedRepo;
import io.flinkops.load.Loader;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.Renderer;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.resolve.Resolver;
import io.flinkops.schema.SchemaValidator;
import io.flinkops.source.SourceTree;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.Rules;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The library facade: load → schema → resolve → validate → render. The CLI, the agent and the tests call
 * this, never the stages directly. Rendering runs only on a repo without errors; its own checks (pod
 * security, for one) add diagnostics, and output with errors is dropped, so nothing invalid is ever emitted.
 */
public final class Compiler {

    public Compilation compile(SourceTree source) {
        return compile(source, Optional.empty());
    }

    /** @param cluster render only this cluster (all when empty) */
    public Compilation compile(SourceTree source, Optional<String> cluster) {
        Diagnostics diagnostics = new Diagnostics();
        LoadedRepo loaded = new Loader().load(source, diagnostics);
        SchemaValidator schemas = SchemaValidator.get();
        Set<Document> invalid = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Document d : loaded.documents()) {
            if (!schemas.validate(d, diagnostics).usable()) invalid.add(d);
        }
        ResolvedRepo resolved = Resolver.resolve(loaded, invalid);
        Rules.check(resolved, new RuleContext(diagnostics));
        Optional<RenderOutput> output = Optional.empty();
        if (!diagnostics.hasErrors()) {
            RenderOutput rendered = new Renderer().render(resolved, new RenderContext(source.commitId(), cluster), diagnostics);
            if (!diagnostics.hasErrors()) output = Optional.of(rendered);
        }
        return new Compilation(resolved, output, diagnostics);
    }
}
