package io.flinkops.importer;

import java.util.List;

/**
 * One field of an input document that could not be imported as it was, and what became of it.
 *
 * @param origin  the input document
 * @param line    the line of the field in the input file (the document's when unknown)
 * @param field   the field as the input names it ({@code spec.ingress}, {@code metadata.id})
 * @param outcome what the import did with it
 * @param detail  one or two sentences: why, where it went, what to do
 * @param covers  the operator fields (paths as {@link RoundTrip} names them) whose round-trip differences this finding
 *                explains; empty for VVP documents, which have no round trip of their own
 */
public record Finding(Origin origin, int line, String field, Outcome outcome, String detail, List<String> covers) {

    public enum Outcome {
        /** Not expressible in a VVP spec; left out of the imported repo. */
        DROPPED("dropped"),
        /** Kept in another place of the VVP spec (a pod template, flinkConfiguration). */
        KEPT("kept"),
        /** Expressed by a VVP field that the operator gets differently (a service account, an upgrade mode). */
        CHANGED("changed"),
        /** System-owned (status, ids, timestamps, flinkops' ownership labels): dropped, as VVP, Kubernetes and flinkops fill them in. */
        SYSTEM("system-owned, dropped");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Finding {
        covers = List.copyOf(covers);
    }

    /** {@code file:line} of the field. */
    public String place() {
        return line > 0 ? origin.file() + ":" + line : origin.place();
    }

    /** Whether this finding explains a round-trip difference at operator field {@code path}. */
    public boolean explains(String path) {
        for (String c : covers) {
            if (path.equals(c) || path.startsWith(c + ".") || path.startsWith(c + "[")) return true;
        }
        return false;
    }
}
