package io.flinkops.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Flink image of a Deployment or SessionCluster, from VVP's three fields {@code flinkImageRegistry},
 * {@code flinkImageRepository} and {@code flinkImageTag}; any may be null (not set).
 *
 * <p>Syntax follows the OCI/Docker reference grammar (github.com/distribution/reference):
 * the registry is a lower-case host with an optional port, optionally followed by path components (they
 * are prefixed to the repository); the repository is lower-case path components
 * ({@code [a-z0-9]+} joined by {@code .}, {@code _}, {@code __} or dashes) separated by {@code /}; the
 * tag is {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}, or a digest {@code sha256:<64 hex>} (pinned images;
 * rendered as {@code repository@sha256:…}). Without a registry, a repository whose first component looks
 * like a host ({@code registry.acme.io/flink}) names its registry, as in Docker; otherwise the image comes
 * from Docker Hub ({@code docker.io}).
 */
public record FlinkImage(String registry, String repository, String tag) {
    public static final String DOCKER_HUB = "docker.io";
    public static final int MAX_NAME_LENGTH = 255;

    private static final String DOMAIN_COMPONENT = "(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern HOST = Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?");
    private static final Pattern REGISTRY = Pattern.compile(HOST.pattern() + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    public static boolean isRegistry(String text) {
        return text != null && REGISTRY.matcher(text).matches();
    }

    public static boolean isRepository(String text) {
        return text != null && REPOSITORY.matcher(text).matches();
    }

    public static boolean isTag(String text) {
        return ImageReference.isTag(text) || isDigest(text);
    }

    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }

    /** True when no image field is set (the default image of the Flink version is used). */
    public boolean isEmpty() {
        return registry == null && repository == null && tag == null;
    }

    /** The registry host[:port] the image is pulled from ({@code docker.io} when none is named). */
    public String effectiveRegistry() {
        return normalizeHost(fullName().substring(0, fullName().indexOf('/')));
    }

    /**
     * The image name with its registry, as pull policies see it: {@code registry.acme.io/flink/flink},
     * {@code docker.io/library/flink} for {@code flink}. Requires a repository.
     */
    public String fullName() {
        String host;
        String path;
        if (registry != null) {
            int slash = registry.indexOf('/');
            host = slash < 0 ? registry : registry.substring(0, slash);
            path = (slash < 0 ? "" : registry.substring(slash + 1) + "/") + repository;
        } else {
            int slash = repository.indexOf('/');
            String first = slash < 0 ? "" : repository.substring(0, slash);
            if (looksLikeHost(first)) {
                host = first;
                path = repository.substring(slash + 1);
            } else {
                host = DOCKER_HUB;
                path = repository;
            }
        }
        host = normalizeHost(host);
        if (host.equals(DOCKER_HUB) && !path.contains("/")) path = "library/" + path;
        return host + "/" + path;
    }

    /** The image reference as Kubernetes gets it: {@code docker.io/flink:1.20.3-scala_2.12-java17}. */
    public String reference() {
        String name = (registry == null ? "" : registry + "/") + repository;
        if (tag == null) return name;
        return name + (isDigest(tag) ? "@" : ":") + tag;
    }

    /**
     * The image used when a Deployment or SessionCluster sets no image field: the Repository's
     * {@code defaultImages} entry for the Flink version, else the built-in one.
     */
    public static FlinkImage defaultFor(String flinkVersion, RepositorySpec settings) {
        if (settings != null && settings.defaultImages() != null) {
            RepositorySpec.Image i = settings.defaultImages().get(flinkVersion);
            if (i != null) return new FlinkImage(i.registry(), i.repository(), i.tag());
        }
        return builtInDefault(flinkVersion);
    }

    /**
     * The official Apache Flink image on Docker Hub for a minor version: Java 17 from Flink 1.18 on (the
     * first release with Java 17 images), Java 11 before.
     */
    public static FlinkImage builtInDefault(String flinkVersion) {
        int i = FlinkVersions.ALL.indexOf(flinkVersion);
        String java = i >= 0 && i < FlinkVersions.ALL.indexOf("1.18") ? "java11" : "java17";
        return new FlinkImage(DOCKER_HUB, "flink", flinkVersion + "-scala_2.12-" + java);
    }

    /** Lower case; Docker's legacy {@code index.docker.io} is {@code docker.io}. */
    public static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("index.docker.io") ? DOCKER_HUB : h;
    }

    /** Docker's rule for the first component of a name: a registry when it has a dot or a port, or is {@code localhost}. */
    static boolean looksLikeHost(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost");
    }

    /** Whether a pull policy entry ({@code host[:port][/path-prefix]}) admits this image. */
    public boolean allowedBy(String entry) {
        String e = entry.trim();
        while (e.endsWith("/")) e = e.substring(0, e.length() - 1);
        int slash = e.indexOf('/');
        e = slash < 0 ? normalizeHost(e) : normalizeHost(e.substring(0, slash)) + e.substring(slash);
        String name = fullName();
        return name.equals(e) || name.startsWith(e + "/");
    }
}
