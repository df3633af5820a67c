package io.flinkops.model;

import io.flinkops.yaml.JsonPointers;

import java.util.List;

/**
 * A location in a config-repo document: the keys (and list indices) from the document's root, such as
 * {@code spec.template.spec.parallelism}. The well-known ones are constants next to the model records
 * ({@link DeploymentSpec#STATE}, {@link SharedFields#flinkConfiguration()}…), so rules, explain and diff name fields
 * the same way and a typo is a compile error. Written as an RFC 6901 JSON pointer in diagnostics ({@link #pointer()}).
 */
public final class FieldPath implements Comparable<FieldPath> {
    public static final FieldPath ROOT = new FieldPath(List.of());

    private final List<String> tokens;

    private FieldPath(List<String> tokens) {
        this.tokens = tokens;
    }

    public static FieldPath of(String... tokens) {
        return new FieldPath(List.of(tokens));
    }

    /** The path a JSON pointer names ({@code ""} is the root). */
    public static FieldPath parse(String pointer) {
        return new FieldPath(List.copyOf(JsonPointers.tokens(pointer)));
    }

    /** The path of {@code keys} below this one. */
    public FieldPath child(String... keys) {
        String[] out = tokens.toArray(new String[tokens.size() + keys.length]);
        System.arraycopy(keys, 0, out, tokens.size(), keys.length);
        return new FieldPath(List.of(out));
    }

    /** The path of item {@code index} of the list at this path. */
    public FieldPath index(int index) {
        return child(String.valueOf(index));
    }

    /** This path followed by {@code relative}. */
    public FieldPath resolve(FieldPath relative) {
        return child(relative.tokens.toArray(String[]::new));
    }

    public List<String> tokens() {
        return tokens;
    }

    public boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The last key (or index); "" for the root. */
    public String last() {
        return tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
    }

    public FieldPath parent() {
        return tokens.isEmpty() ? this : new FieldPath(tokens.subList(0, tokens.size() - 1));
    }

    public boolean startsWith(FieldPath prefix) {
        return tokens.size() >= prefix.tokens.size() && tokens.subList(0, prefix.tokens.size()).equals(prefix.tokens);
    }

    /** The part of this path below {@code prefix}, which it must start with. */
    public FieldPath relativeTo(FieldPath prefix) {
        if (!startsWith(prefix)) throw new IllegalArgumentException(this + " is not below " + prefix);
        return new FieldPath(tokens.subList(prefix.tokens.size(), tokens.size()));
    }

    /** The RFC 6901 JSON pointer: {@code /spec/template/spec/flinkConfiguration/a~1b}. */
    public String pointer() {
        StringBuilder out = new StringBuilder();
        for (String t : tokens) out.append('/').append(JsonPointers.escape(t));
        return out.toString();
    }

    /** The keys joined with dots, as messages name a field: {@code restoreStrategy.kind}, {@code pods.tolerations.0}. */
    public String dotted() {
        return String.join(".", tokens);
    }

    @Override
    public int compareTo(FieldPath o) {
        return pointer().compareTo(o.pointer());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath p && tokens.equals(p.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return pointer();
    }
}
