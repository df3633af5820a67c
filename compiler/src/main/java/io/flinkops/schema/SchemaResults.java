package io.flinkops.schema;

import io.flinkops.diag.Diagnostics;
import io.flinkops.load.Document;
import io.flinkops.load.LoadedRepo;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output of the schema stage: the repo as the later stages read it ({@link SchemaOutcome#root()} of every
 * document: lenient values canonical, values that failed the schema dropped) and each document's outcome.
 */
public final class SchemaResults {
    private final LoadedRepo read;
    private final Map<Document, SchemaOutcome> outcomes;

    private SchemaResults(LoadedRepo read, Map<Document, SchemaOutcome> outcomes) {
        this.read = read;
        this.outcomes = outcomes;
    }

    /** Checks every document of {@code loaded} against its schema, in parallel, reporting in document order. */
    public static SchemaResults check(LoadedRepo loaded, Diagnostics diagnostics) {
        SchemaValidator schemas = SchemaValidator.get();
        List<Checked> checked = loaded.documents().parallelStream().map(d -> {
            Diagnostics found = new Diagnostics();
            return new Checked(d, schemas.validate(d, found), found);
        }).toList();
        Map<Document, SchemaOutcome> byOriginal = new IdentityHashMap<>();
        for (Checked c : checked) {
            diagnostics.addAll(c.diagnostics());
            byOriginal.put(c.document(), c.outcome());
        }
        Map<Document, SchemaOutcome> outcomes = new IdentityHashMap<>();
        LoadedRepo read = loaded.map(d -> {
            SchemaOutcome o = byOriginal.get(d);
            if (o == null) return d;
            Document r = o.root() == d.root() ? d : d.withRoot(o.root());
            outcomes.put(r, o);
            return r;
        });
        return new SchemaResults(read, Collections.unmodifiableMap(outcomes));
    }

    /** Every document taken as valid, unchanged (for tests of the later stages). */
    public static SchemaResults unchecked(LoadedRepo loaded) {
        return new SchemaResults(loaded, Map.of());
    }

    /** The repo as the later stages read it. */
    public LoadedRepo read() {
        return read;
    }

    /** True when every document passed its schema as written (nothing dropped, nothing unusable). */
    public boolean allValid() {
        return outcomes.values().stream().allMatch(o -> o.verdict() == SchemaOutcome.Verdict.VALID);
    }

    /** False when {@code document} (of {@link #read()}) is not usable: its structure failed the schema. */
    public boolean usable(Document document) {
        SchemaOutcome o = outcomes.get(document);
        return o == null || o.usable();
    }

    /** Pointers of the values of {@code document} (of {@link #read()}) dropped because they failed the schema. */
    public Set<String> dropped(Document document) {
        SchemaOutcome o = outcomes.get(document);
        return o == null ? Set.of() : o.dropped();
    }

    private record Checked(Document document, SchemaOutcome outcome, Diagnostics diagnostics) {
    }
}
