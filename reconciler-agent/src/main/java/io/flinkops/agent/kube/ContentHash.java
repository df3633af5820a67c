package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.Ownership;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of what the agent applies to an object, kept on the object itself as the annotation
 * {@value #ANNOTATION} so it survives agent restarts. An object whose live annotation equals the hash of the desired
 * content is not re-sent. The hash is of {@link Ownership#withoutSourceCommit} (a new commit that changes nothing
 * else re-sends nothing) without {@code status}; it is taken before the hash annotation is added.
 */
final class ContentHash {
    static final String ANNOTATION = Ownership.PREFIX + "applied-hash";
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ContentHash() {
    }

    static String of(ObjectNode content) {
        ObjectNode copy = Ownership.withoutSourceCommit(content);
        copy.remove("status");
        try {
            Object tree = CANONICAL.treeToValue(copy, Object.class); // maps, so keys sort
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(tree));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
