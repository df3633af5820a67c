package io.flinkops;

import io.flinkops.diag.Diagnostics;
import io.flinkops.load.Document;
import io.flinkops.load.LoadedRepo;
import io.flinkops.load.Loader;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.resolve.Resolver;
import io.flinkops.schema.SchemaValidator;
import io.flinkops.source.SourceTree;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.Rules;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The library facade: load → schema → resolve → validate. The CLI, the agent and the tests call this,
 * never the stages directly.
 */
public final class Compiler {

    public Compilation compile(SourceTree source) {
        Diagnostics diagnostics = new Diagnostics();
        LoadedRepo loaded = new Loader().load(source, diagnostics);
        SchemaValidator schemas = SchemaValidator.get();
        Set<Document> invalid = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Document d : loaded.documents()) {
            if (!schemas.validate(d, diagnostics).usable()) invalid.add(d);
        }
        ResolvedRepo resolved = Resolver.resolve(loaded, invalid);
        Rules.check(resolved, new RuleContext(diagnostics));
        return new Compilation(resolved, diagnostics);
    }
}
