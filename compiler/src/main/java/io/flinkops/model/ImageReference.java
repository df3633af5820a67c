package io.flinkops.model;

import java.util.regex.Pattern;

/**
 * A full image reference as a container's {@code image} holds it, {@code [registry/]repository[:tag][@digest]}
 * ({@code busybox}, {@code localhost:5000/tools/agent:1.2}, {@code ghcr.io/acme/flink:1.20@sha256:…}), split by
 * Docker's rules (github.com/distribution/reference): the first path component is the registry when it looks like a
 * host (a dot, a port or {@code localhost}), else the image is on Docker Hub; a {@code :} after the last {@code /}
 * starts the tag, an {@code @} the digest. Splitting never fails; whether the parts are well-formed is
 * {@link FlinkImage}'s grammar ({@link FlinkImage#isRegistry}, {@link FlinkImage#isRepository}, {@link #isTag}) and
 * {@link #isDigest}.
 *
 * @param registry   the registry host[:port], or null (Docker Hub)
 * @param repository the repository, as written ({@code busybox}, not {@code library/busybox})
 * @param tag        the tag, or null
 * @param digest     the digest ({@code sha256:…}), or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** The digests a registry serves: the algorithms of the OCI image spec, each with its exact hex length. */
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public static ImageReference parse(String reference) {
        String rest = reference.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = null;
        int first = rest.indexOf('/');
        if (first > 0 && FlinkImage.looksLikeHost(rest.substring(0, first))) {
            registry = rest.substring(0, first);
            rest = rest.substring(first + 1);
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** A tag: up to 128 letters, digits, {@code _ . -}, not starting with {@code .} or {@code -}. */
    public static boolean isTag(String text) {
        return text != null && TAG.matcher(text).matches();
    }

    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    /**
     * VVP's one field for tag and digest ({@code flinkImageTag}): the digest when there is one (it decides which image
     * runs), else the tag, else {@code latest}, which is what a reference naming neither pulls.
     */
    public String flinkImageTag() {
        if (digest != null) return digest;
        return tag == null ? "latest" : tag;
    }

    /**
     * The image name with its registry, as pull policies see it ({@link FlinkImage#fullName()}):
     * {@code docker.io/library/busybox} for {@code busybox}. Requires a repository.
     */
    public String fullName() {
        return new FlinkImage(registry, repository, null).fullName();
    }

    /** Whether a pull policy entry ({@code host[:port][/path-prefix]}) admits this image ({@link FlinkImage#allowedBy}). */
    public boolean allowedBy(String entry) {
        return new FlinkImage(registry, repository, null).allowedBy(entry);
    }

    /** The registry host[:port] the image is pulled from ({@code docker.io} when none is named). */
    public String effectiveRegistry() {
        return new FlinkImage(registry, repository, null).effectiveRegistry();
    }

    /**
     * A reference in one canonical form, for comparing two of them: registry and Docker Hub's {@code library/}
     * spelt out, {@code :latest} when no tag is named, a digest alone when there is one.
     */
    public static String canonical(String reference) {
        ImageReference r = parse(reference);
        if (r.repository().isEmpty()) return reference;
        try {
            return r.fullName() + (r.digest() != null ? "@" : ":") + r.flinkImageTag();
        } catch (RuntimeException e) {
            return reference;
        }
    }
}
