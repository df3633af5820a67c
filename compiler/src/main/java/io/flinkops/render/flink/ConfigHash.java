package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.Ownership;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;

/**
 * The pod-template annotation {@value #ANNOTATION}: a hash of the data of the ConfigMaps a cluster's pods read when
 * they start (the SQL script, flinkops' entrypoint and its {@code ${NAME}} references). The operator does not watch
 * ConfigMaps, so without it a changed script would reach the job only at some later restart; with it, the change
 * changes the FlinkDeployment's spec, and the operator upgrades the job the way its upgrade mode says (the
 * {@code checksum/config} annotation of Helm charts, for the same reason). The hash depends only on the data, so an
 * unchanged script renders the same bytes on every commit.
 */
final class ConfigHash {
    static final String ANNOTATION = Ownership.PREFIX + "config-hash";

    private ConfigHash() {
    }

    /** The hash of the ConfigMaps, name → data; names and keys in sorted order, each length-prefixed. */
    static String of(SortedMap<String, SortedMap<String, String>> configMaps) {
        MessageDigest digest = sha256();
        configMaps.forEach((name, data) -> {
            update(digest, name);
            digest.update(ByteBuffer.allocate(4).putInt(data.size()).array());
            data.forEach((key, value) -> {
                update(digest, key);
                update(digest, value);
            });
        });
        return "sha256:" + HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /**
     * Writes the annotation into {@code spec.podTemplate.metadata.annotations}: the template every pod of the cluster
     * (JobManager and TaskManagers) starts from. The template is copied first: it may be shared with the plan.
     */
    static void annotate(ObjectNode spec, String hash) {
        ObjectNode template = spec.get("podTemplate") instanceof ObjectNode t ? t.deepCopy() : spec.objectNode();
        template.withObjectProperty("metadata").withObjectProperty("annotations").put(ANNOTATION, hash);
        spec.set("podTemplate", template);
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
