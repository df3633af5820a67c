package io.flinkops.resolve;

import io.flinkops.diag.Diagnostic;
import io.flinkops.load.Document;
import io.flinkops.model.FieldPath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a value failed its schema and was dropped, per document: the schema stage reported it, so a later finding
 * about that value, about something under it, or about its absence from the mapping that held it is a knock-on of
 * the same mistake and is not reported again. A Deployment also carries the values dropped from the defaults it
 * inherits (unless it or a nearer defaults layer sets them itself).
 */
public final class KnockOns {
    /** A document's span in its file: from its first line to the next document's. */
    private record Span(int firstLine, Set<String> dropped) {
    }

    /** No value dropped anywhere (for tests of the later stages). */
    public static final KnockOns NONE = new KnockOns();

    private final Map<String, List<Span>> byFile = new HashMap<>();
    private final Map<Document, Set<String>> byDocument = new IdentityHashMap<>();

    void add(Document document, Set<String> dropped) {
        if (dropped.isEmpty()) return;
        byDocument.put(document, dropped);
        List<Span> spans = byFile.computeIfAbsent(document.file(), f -> new ArrayList<>());
        spans.add(new Span(document.root().location().line(), dropped));
        spans.sort(Comparator.comparingInt(Span::firstLine));
    }

    /**
     * True when the value at one of {@code paths} of {@code document} was dropped: a finding that combines several
     * values (parallelism against slots) is a knock-on when one of them was, even if it is reported at another.
     */
    public boolean anyDropped(Document document, List<FieldPath> paths) {
        Set<String> dropped = byDocument.get(document);
        if (dropped == null) return false;
        for (FieldPath path : paths) {
            for (String p : dropped) {
                if (path.pointer().equals(p) || path.pointer().startsWith(p + "/")) return true;
            }
        }
        return false;
    }

    /** True when {@code d} concerns a value whose problem the schema stage already reported. */
    public boolean isKnockOn(Diagnostic d) {
        List<Span> spans = byFile.get(d.file());
        if (spans == null) return false;
        Span in = null;
        for (Span s : spans) {
            if (s.firstLine() <= d.line() || in == null) in = s;
        }
        for (String dropped : in.dropped()) {
            if (related(d.pointer(), dropped)) return true;
        }
        return false;
    }

    /** Mappings that hold everything; a finding about one of them is not about a value dropped inside it. */
    private static final Set<String> CONTAINERS = Set.of("", "/metadata", "/spec", "/spec/template", "/spec/template/spec");

    /** The same value, a value under it, or the mapping or list that held it. */
    private static boolean related(String pointer, String dropped) {
        if (pointer.equals(dropped) || pointer.startsWith(dropped + "/")) return true;
        String holder = dropped.substring(0, Math.max(0, dropped.lastIndexOf('/')));
        return pointer.equals(holder) && !CONTAINERS.contains(holder);
    }
}
