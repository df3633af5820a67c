package io.flinkops.logging;

import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.TextNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The body of a loop, macro or block: each time it is rendered it charges its size to the {@link TemplateBudget} (one
 * step per node and per character of its text, nested bodies counting once, as they charge for themselves) and counts
 * one level of nesting. These are the only parts of a template that run more than once per evaluation.
 */
final class MeteredBody extends BodyNode {
    /** What an iteration costs besides its body (about what Pebble spends on it, in the steps of a character). */
    static final int ITERATION = 32;
    /** What a macro or block call costs besides its body: a new writer, scopes and arguments. */
    static final int CALL = 256;

    private final int tagLine;
    private final int overhead;
    private volatile long size = -1;

    /** {@code body}, charged at {@code tagLine} (the line of the tag that repeats it) its size plus {@code overhead}. */
    MeteredBody(BodyNode body, int tagLine, int overhead) {
        super(body.getLineNumber(), body.getChildren());
        setOnlyRenderInheritanceSafeNodes(body.isOnlyRenderInheritanceSafeNodes());
        this.tagLine = tagLine;
        this.overhead = overhead;
    }

    @Override
    public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) throws IOException {
        TemplateBudget.enter(tagLine);
        try {
            TemplateBudget.charge(overhead + size(), tagLine);
            super.render(self, writer, context);
        } finally {
            TemplateBudget.leave();
        }
    }

    private long size() {
        long s = size;
        if (s < 0) size = s = sizeOf(this);
        return s;
    }

    /** Nodes under {@code body}, plus the characters of its text, not looking into nested metered bodies. */
    private static long sizeOf(MeteredBody body) {
        long total = 0;
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        NodeFields.forEachChild(body, pending::push);
        while (!pending.isEmpty()) {
            Node n = pending.pop();
            if (!seen.add(n)) continue;
            total++;
            if (n instanceof TextNode t) total += t.getData().length;
            if (!(n instanceof MeteredBody)) NodeFields.forEachChild(n, pending::push);
        }
        return total;
    }
}
