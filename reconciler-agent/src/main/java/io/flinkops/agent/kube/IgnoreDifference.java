package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.Ownership;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A field of one kind that another controller owns (the autoscaler and {@code spec.job.parallelism}, say), as Argo CD's
 * {@code ignoreDifferences} with {@code jsonPointers}: written {@code Kind:/json/pointer}
 * ({@code FlinkDeployment:/spec/job/parallelism}). The agent leaves such a field out of its drift comparison and out of
 * the content hash, and does not overwrite it: a new object is created with the repo's value, an existing one is sent
 * with its live value (or without the field when it has none). Sending the live value rather than leaving the field
 * out keeps the agent's ownership of it under server-side apply, so the API server does not remove a field that no
 * other manager has set yet. A change to the field in the repo therefore reaches only objects that do not exist yet.
 *
 * <p>The pointer goes through objects only (RFC 6901 escapes: {@code ~1} for {@code /}, {@code ~0} for {@code ~}); name
 * an array to ignore it as a whole. The fields the agent needs to find and own its objects (apiVersion, kind, name,
 * namespace, flinkops' labels and annotations) cannot be ignored.
 */
public record IgnoreDifference(String kind, String pointer, List<String> tokens) {
    public IgnoreDifference {
        tokens = List.copyOf(tokens);
    }

    /** Parses {@code Kind:/pointer}; throws {@link IllegalArgumentException} with what is wrong and how to write it. */
    public static IgnoreDifference parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(":/");
        if (colon <= 0) {
            throw new IllegalArgumentException("`" + text + "` is not Kind:/json/pointer (for example FlinkDeployment:/spec/job/parallelism)");
        }
        String kind = t.substring(0, colon);
        String pointer = t.substring(colon + 1);
        List<String> kinds = Arrays.stream(ObjectKind.values()).map(ObjectKind::kind).toList();
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException("`" + text + "`: the agent applies no kind `" + kind + "`; it applies " + String.join(", ", kinds));
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            if (raw.matches(".*~([^01]|$).*")) throw new IllegalArgumentException("`" + text + "`: `~` must be written ~0, and `/` inside a key ~1");
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        if (tokens.stream().anyMatch(String::isEmpty)) throw new IllegalArgumentException("`" + text + "`: the pointer has an empty key");
        String top = tokens.get(0);
        boolean metadata = top.equals("metadata");
        boolean ownMetadata = metadata && (tokens.size() < 3 || !(tokens.get(1).equals("labels") || tokens.get(1).equals("annotations"))
                || tokens.get(2).startsWith(Ownership.PREFIX) || tokens.get(2).equals(Ownership.MANAGED_BY));
        if (top.equals("apiVersion") || top.equals("kind") || top.equals("status") || ownMetadata) {
            throw new IllegalArgumentException("`" + text + "`: the agent needs " + pointer + " to find and own its objects; it cannot be ignored "
                    + "(ignore fields under /spec, /data, a label or an annotation that is not flinkops')");
        }
        return new IgnoreDifference(kind, pointer, tokens);
    }

    /** Whether this applies to objects of {@code kind}. */
    boolean appliesTo(String objectKind) {
        return kind.equals(objectKind);
    }

    /** The node at the pointer, or null. */
    JsonNode find(JsonNode root) {
        JsonNode n = root;
        for (String t : tokens) {
            if (n == null || !n.isObject()) return null;
            n = n.get(t);
        }
        return n;
    }

    /** Removes the node at the pointer from {@code root}, if there is one. */
    void remove(ObjectNode root) {
        JsonNode parent = find(root, tokens.size() - 1);
        if (parent instanceof ObjectNode o) o.remove(tokens.get(tokens.size() - 1));
    }

    /** Puts {@code value} at the pointer, making the objects on the way. Does nothing when a node on the way is no object. */
    void put(ObjectNode root, JsonNode value) {
        ObjectNode n = root;
        for (String t : tokens.subList(0, tokens.size() - 1)) {
            JsonNode next = n.get(t);
            if (next == null) next = n.putObject(t);
            if (!(next instanceof ObjectNode o)) return;
            n = o;
        }
        n.set(tokens.get(tokens.size() - 1), value.deepCopy());
    }

    private JsonNode find(JsonNode root, int depth) {
        JsonNode n = root;
        for (String t : tokens.subList(0, depth)) {
            if (n == null || !n.isObject()) return null;
            n = n.get(t);
        }
        return n;
    }

    @Override
    public String toString() {
        return kind + ":" + pointer;
    }
}
