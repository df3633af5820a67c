package io.flinkops.importer;

import io.flinkops.model.FlinkImage;

/**
 * An image reference ({@code flink:1.20}, {@code ghcr.io/acme/flink:1.20@sha256:…}) split into VVP's three image
 * fields, by Docker's rules: the first path component is a registry when it looks like a host (a dot, a port or
 * {@code localhost}); a reference without tag or digest means {@code :latest}.
 *
 * @param registry   the registry host, or null (Docker Hub, as written)
 * @param repository the repository
 * @param tag        the tag or digest ({@code sha256:…}); {@code latest} when the reference names neither
 * @param droppedTag a tag written next to a digest: the digest decides which image runs, VVP has one field for both
 * @param implicitTag whether the reference named no tag
 */
record ImageReference(String registry, String repository, String tag, String droppedTag, boolean implicitTag) {

    static ImageReference parse(String reference) {
        String rest = reference.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = null;
        int first = rest.indexOf('/');
        if (first > 0) {
            String component = rest.substring(0, first);
            if (component.contains(".") || component.contains(":") || component.equals("localhost")) {
                registry = component;
                rest = rest.substring(first + 1);
            }
        }
        if (digest != null) return new ImageReference(registry, rest, digest, tag, false);
        return new ImageReference(registry, rest, tag == null ? "latest" : tag, null, tag == null);
    }

    /** The same image as flinkops renders it ({@link FlinkImage#reference()}). */
    FlinkImage image() {
        return new FlinkImage(registry, repository, tag);
    }

    /**
     * A reference in one canonical form, for comparing two of them: registry and Docker Hub's {@code library/}
     * spelt out, {@code :latest} when no tag is named, a digest alone when there is one.
     */
    static String canonical(String reference) {
        ImageReference r = parse(reference);
        if (r.repository().isEmpty()) return reference;
        FlinkImage image = r.image();
        try {
            return image.fullName() + (FlinkImage.isDigest(r.tag()) ? "@" : ":") + r.tag();
        } catch (RuntimeException e) {
            return reference;
        }
    }
}
