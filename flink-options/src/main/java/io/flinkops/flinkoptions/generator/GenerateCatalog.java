package io.flinkops.flinkoptions.generator;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Build-time generator of {@code io/flinkops/flinkoptions/flink-options.tsv}.
 *
 * <p>For every Flink version given, it reads two files prepared by the Maven build (see
 * {@code src/flink-deps}): {@code <deps>/<version>/classpath.txt}, the resolved runtime classpath
 * (Flink jars plus transitive dependencies), and {@code <deps>/<version>/scan.txt}, the subset of
 * jars whose option classes are catalogued. Each version gets its own {@link URLClassLoader} whose
 * parent is the platform class loader, so versions never see each other (nor this generator).
 *
 * <p>Candidate classes are found by reading class files (no loading): a class is a candidate if it
 * declares a static field of type {@code org.apache.flink.configuration.ConfigOption}. Only
 * candidates are initialised; their {@code public static final} {@code ConfigOption} fields give
 * {@code key()} and {@code fallbackKeys()} ({@code @SuffixOption} prefixes applied). A class whose
 * initialisation fails is skipped with a warning; the build does not fail.
 *
 * <p>Options annotated {@code @Documentation.ExcludeFromDocumentation} are kept: Flink still reads them
 * (e.g. {@code security.ssl.keystore}, {@code taskmanager.cpu.cores}). Options of {@code
 * org.apache.flink.table} classes are kept only under {@code table.*} / {@code materialized-table.*};
 * the others there are SQL DDL, hint, connector, catalog or module options ({@code connector}, {@code
 * lookup.cache}, ...), not configuration keys.
 *
 * <p>Uses reflection only: this module has no compile or runtime dependency on Flink.
 *
 * <p>Usage: {@code GenerateCatalog --output <tsv> --deps <dir> --flink <version> [--flink <version>
 * ...]}
 */
public final class GenerateCatalog {

    static final String CONFIG_OPTION = "org.apache.flink.configuration.ConfigOption";
    static final String FALLBACK_KEY = "org.apache.flink.configuration.FallbackKey";
    static final String EXCLUDE_FROM_DOCS =
            "org.apache.flink.annotation.docs.Documentation$ExcludeFromDocumentation";
    static final String SUFFIX_OPTION = "org.apache.flink.annotation.docs.Documentation$SuffixOption";

    private static final String LOG = "[flink-options] ";

    private GenerateCatalog() {}

    /** What one Flink version knows. */
    static final class VersionScan {
        final String version;
        final String majorMinor;
        final List<String> scannedJars = new ArrayList<>();
        /** Keys of options that are not {@code @Deprecated}. */
        final Set<String> primary = new TreeSet<>();
        /** Keys of {@code @Deprecated} options. */
        final Set<String> deprecatedPrimary = new TreeSet<>();
        /** fallback key -> (option key -> rank; lower is a better canonical candidate). */
        final Map<String, Map<String, Integer>> fallbackOf = new TreeMap<>();
        /** Keys of options annotated @Documentation.ExcludeFromDocumentation (kept). */
        final Set<String> undocumented = new TreeSet<>();
        /** Keys of table DDL/hint/connector options (left out). */
        final Set<String> notConfiguration = new TreeSet<>();
        final List<String> failedClasses = new ArrayList<>();
        int candidateClasses;
        int optionFields;
        /** Every known key -> canonical key, or null for a primary key. Filled by {@link #resolve()}. */
        final Map<String, String> canonical = new TreeMap<>();

        VersionScan(String version) {
            this.version = version;
            this.majorMinor = majorMinor(version);
        }

        boolean knows(String key) {
            return canonical.containsKey(key);
        }

        /**
         * A key is primary if a non-deprecated option has it. Otherwise, if it is a fallback key, its
         * canonical key is the best-ranked option it falls back to (followed further if that option is
         * itself only deprecated and a fallback). A key only of deprecated options, with no successor,
         * stays primary.
         */
        void resolve() {
            Set<String> all = new TreeSet<>(primary);
            all.addAll(deprecatedPrimary);
            all.addAll(fallbackOf.keySet());
            for (String key : all) {
                String current = key;
                Set<String> seen = new LinkedHashSet<>();
                while (!primary.contains(current) && fallbackOf.containsKey(current) && seen.add(current)) {
                    current = best(fallbackOf.get(current));
                }
                canonical.put(key, current.equals(key) ? null : current);
            }
        }

        private static String best(Map<String, Integer> targets) {
            return targets.entrySet().stream()
                    .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
        }
    }

    public static void main(String[] args) throws Exception {
        run(args);
        // Option classes may have started threads or registered hooks: do not linger.
        System.exit(0);
    }

    /** Generates the catalogue as {@link #main} does, without exiting; returns the TSV text written. */
    public static String run(String... args) throws Exception {
        // --flink takes one version or a comma-separated list, and may be repeated.
        Path output = null;
        Path deps = null;
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--output" -> output = Path.of(args[++i]);
                case "--deps" -> deps = Path.of(args[++i]);
                case "--flink" -> {
                    for (String v : args[++i].split(",")) {
                        if (!v.isBlank()) {
                            versions.add(v.trim());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (output == null || deps == null || versions.isEmpty()) {
            throw new IllegalArgumentException(
                    "usage: GenerateCatalog --output <tsv> --deps <dir> --flink <version>...");
        }
        long start = System.nanoTime();
        // Each version has a class loader of its own, so versions are scanned in parallel (one per core).
        List<VersionScan> scans = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(versions.size(), Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "flink-options-scan");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<VersionScan>> futures = new ArrayList<>();
            for (String version : versions) {
                Path dir = deps.resolve(version);
                futures.add(pool.submit(() ->
                        scan(version, readPathList(dir.resolve("classpath.txt")), readPathList(dir.resolve("scan.txt")))));
            }
            for (Future<VersionScan> f : futures) {
                try {
                    scans.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        scans.sort(Comparator.comparing((VersionScan s) -> s.majorMinor, GenerateCatalog::compareVersions));
        Set<String> majorMinors = new LinkedHashSet<>();
        for (VersionScan s : scans) {
            if (!majorMinors.add(s.majorMinor)) {
                throw new IllegalArgumentException("two Flink versions share major.minor " + s.majorMinor);
            }
        }
        String tsv = render(scans);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, tsv, StandardCharsets.UTF_8);
        long lines = tsv.lines().filter(l -> !l.startsWith("#")).count();
        System.out.printf("%swrote %s: %d keys in %d ms%n", LOG, output, lines,
                (System.nanoTime() - start) / 1_000_000);
        return tsv;
    }

    static List<Path> readPathList(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        List<Path> paths = new ArrayList<>();
        if (text.isEmpty()) {
            return paths;
        }
        for (String p : text.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.trim()));
            }
        }
        return paths;
    }

    static VersionScan scan(String version, List<Path> classpath, List<Path> scanJars) throws Exception {
        VersionScan result = new VersionScan(version);
        List<Path> sortedScanJars = new ArrayList<>(scanJars);
        sortedScanJars.sort(Comparator.comparing(p -> artifactOf(p)));
        Set<Path> all = new LinkedHashSet<>(classpath);
        all.addAll(sortedScanJars);
        URL[] urls = all.stream().map(GenerateCatalog::toUrl).toArray(URL[]::new);

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader("flink-" + version, urls, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(loader);
            Class<?> configOption = loader.loadClass(CONFIG_OPTION);
            Class<?> fallbackKey = loader.loadClass(FALLBACK_KEY);
            Method key = configOption.getMethod("key");
            Method fallbackKeys = configOption.getMethod("fallbackKeys");
            Method fallbackGetKey = fallbackKey.getMethod("getKey");
            Method fallbackIsDeprecated = fallbackKey.getMethod("isDeprecated");
            String descriptor = "L" + CONFIG_OPTION.replace('.', '/') + ";";

            for (Path jar : sortedScanJars) {
                result.scannedJars.add(artifactOf(jar));
                for (String className : candidateClasses(jar, descriptor)) {
                    result.candidateClasses++;
                    Class<?> type;
                    try {
                        type = Class.forName(className, true, loader);
                    } catch (Throwable e) {
                        Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null
                                ? e.getCause() : e;
                        result.failedClasses.add(className);
                        System.out.printf("%sWARNING Flink %s: skipped %s (%s)%n", LOG, version, className, cause);
                        continue;
                    }
                    boolean classUndocumented = annotation(type.getAnnotations(), EXCLUDE_FROM_DOCS) != null;
                    boolean tableClass = className.startsWith("org.apache.flink.table.");
                    Field[] fields = optionFields(type, configOption);
                    String siblingPrefix = singleSuffixPrefix(fields);
                    for (Field field : fields) {
                        field.setAccessible(true);
                        Object option = field.get(null);
                        if (option == null) {
                            continue;
                        }
                        result.optionFields++;
                        Annotation[] annotations = field.getAnnotations();
                        String rawKey = (String) key.invoke(option);
                        String prefix = "";
                        Annotation suffix = annotation(annotations, SUFFIX_OPTION);
                        if (suffix != null) {
                            prefix = suffixPrefix(suffix) + ".";
                        } else if (siblingPrefix != null && !rawKey.contains(".")
                                && field.isAnnotationPresent(Deprecated.class)) {
                            // A deprecated option that lost its @SuffixOption (1.x MetricOptions.REPORTER_CLASS,
                            // key "class", really metrics.reporter.<name>.class).
                            prefix = siblingPrefix + ".";
                        }
                        String primaryKey = prefix + rawKey;
                        if (tableClass && !isTableConfigKey(primaryKey)) {
                            // DDL WITH-clause, hint, catalog/module/connector options (connector, format,
                            // lookup.cache, ...): not configuration keys.
                            result.notConfiguration.add(primaryKey);
                            continue;
                        }
                        if (!isValidKey(primaryKey)) {
                            System.out.printf("%sWARNING Flink %s: ignored key %s of %s.%s%n", LOG, version,
                                    primaryKey, className, field.getName());
                            continue;
                        }
                        if (classUndocumented || annotation(annotations, EXCLUDE_FROM_DOCS) != null) {
                            // Hidden from Flink's docs but still read by Flink (security.ssl.keystore,
                            // taskmanager.cpu.cores, ...): kept, only counted.
                            result.undocumented.add(primaryKey);
                        }
                        boolean deprecated = field.isAnnotationPresent(Deprecated.class);
                        (deprecated ? result.deprecatedPrimary : result.primary).add(primaryKey);
                        for (Object fb : (Iterable<?>) fallbackKeys.invoke(option)) {
                            String fallback = prefix + fallbackGetKey.invoke(fb);
                            if (!fallback.equals(primaryKey) && isValidKey(fallback)) {
                                // Prefer non-deprecated options, then deprecated-key over plain fallback.
                                int rank = (deprecated ? 2 : 0)
                                        + (Boolean.TRUE.equals(fallbackIsDeprecated.invoke(fb)) ? 0 : 1);
                                result.fallbackOf.computeIfAbsent(fallback, k -> new TreeMap<>())
                                        .merge(primaryKey, rank, Math::min);
                            }
                        }
                    }
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        result.resolve();
        if (result.canonical.isEmpty()) {
            throw new IllegalStateException("Flink " + version + ": no configuration options found in " + scanJars);
        }
        result.notConfiguration.removeAll(result.canonical.keySet());
        long fallbacks = result.canonical.values().stream().filter(c -> c != null).count();
        System.out.printf("%sFlink %s: %d jars, %d candidate classes, %d skipped, %d option fields, "
                        + "%d keys (%d fallback/deprecated names, %d undocumented kept), %d table DDL/hint keys left out%n",
                LOG, version, result.scannedJars.size(), result.candidateClasses, result.failedClasses.size(),
                result.optionFields, result.canonical.size(), fallbacks, result.undocumented.size(),
                result.notConfiguration.size());
        return result;
    }

    private static List<String> candidateClasses(Path jar, String descriptor) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jarFile = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> entries = jarFile.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || !name.startsWith("org/apache/flink/")
                        || name.contains("/shaded/") || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = jarFile.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (ClassFileFields.declaresStaticField(bytes, descriptor)) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** Public static final ConfigOption fields, sorted by name. */
    private static Field[] optionFields(Class<?> type, Class<?> configOption) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> {
                    int mod = f.getModifiers();
                    return Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod)
                            && configOption.isAssignableFrom(f.getType());
                })
                .sorted(Comparator.comparing(Field::getName))
                .toArray(Field[]::new);
    }

    /** The prefix shared by all @SuffixOption fields of a class, or null if none or several. */
    private static String singleSuffixPrefix(Field[] fields) throws ReflectiveOperationException {
        Set<String> prefixes = new TreeSet<>();
        for (Field f : fields) {
            Annotation suffix = annotation(f.getAnnotations(), SUFFIX_OPTION);
            if (suffix != null) {
                prefixes.add(suffixPrefix(suffix));
            }
        }
        return prefixes.size() == 1 ? prefixes.iterator().next() : null;
    }

    private static String suffixPrefix(Annotation suffix) throws ReflectiveOperationException {
        return (String) suffix.annotationType().getMethod("value").invoke(suffix);
    }

    /** Configuration keys declared in org.apache.flink.table classes; the rest there are DDL/hint options. */
    static boolean isTableConfigKey(String key) {
        return key.startsWith("table.") || key.startsWith("materialized-table.");
    }

    static boolean isValidKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** "1.20.3: flink-clients flink-core ... | 1.20.1: flink-kubernetes", from Maven-repository jar paths. */
    static String describeJars(String mainVersion, List<String> jars) {
        // The scanned version first, then any other (e.g. an older patch release of one artifact).
        Map<String, List<String>> byVersion = new TreeMap<>(
                Comparator.comparing((String v) -> !v.equals(mainVersion)).thenComparing(Comparator.naturalOrder()));
        for (String jar : jars) {
            String[] artifactVersion = jar.split("/");
            String artifact = artifactVersion[0];
            String version = artifactVersion.length > 1 ? artifactVersion[1] : "?";
            byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(artifact);
        }
        StringBuilder sb = new StringBuilder();
        byVersion.forEach((version, artifacts) -> sb.append(sb.length() == 0 ? "" : " | ").append(version)
                .append(": ").append(String.join(" ", artifacts)));
        return sb.toString();
    }

    /** "artifactId/version" of a jar in a Maven repository layout (.../artifactId/version/artifactId-version.jar). */
    static String artifactOf(Path jar) {
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        String file = jar.getFileName().toString();
        if (artifactDir != null) {
            String artifact = artifactDir.getFileName().toString();
            String version = versionDir.getFileName().toString();
            if (file.equals(artifact + "-" + version + ".jar")) {
                return artifact + "/" + version;
            }
        }
        return file;
    }

    private static Annotation annotation(Annotation[] annotations, String typeName) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(typeName)) {
                return a;
            }
        }
        return null;
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String majorMinor(String version) {
        String[] parts = version.split("[.-]");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a Flink version: " + version);
        }
        return parts[0] + "." + parts[1];
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Merges the versions (sorted oldest first) into the TSV text. The canonical key of a key is taken
     * from the newest version that knows the key: {@code -} if it is a primary key there, else the
     * primary key it is a fallback/deprecated name of there.
     */
    static String render(List<VersionScan> scans) {
        Set<String> allKeys = new TreeSet<>();
        for (VersionScan s : scans) {
            allKeys.addAll(s.canonical.keySet());
        }
        StringBuilder out = new StringBuilder();
        out.append("# Flink configuration keys - generated at build time by ").append(GenerateCatalog.class.getName())
                .append(", do not edit.\n");
        for (VersionScan s : scans) {
            out.append("# Flink ").append(s.majorMinor).append(" = org.apache.flink ").append(describeJars(s.version, s.scannedJars))
                    .append('\n');
        }
        out.append("# Source: key() and fallbackKeys() of the public static final ConfigOption fields of"
                + " org.apache.flink classes in those jars (Maven Central).\n");
        StringBuilder counts = new StringBuilder();
        for (VersionScan s : scans) {
            long n = allKeys.stream().filter(s::knows).count();
            counts.append(counts.length() == 0 ? "" : ", ").append(s.majorMinor).append(": ").append(n);
        }
        out.append("# Keys: ").append(allKeys.size()).append(" (").append(counts).append(").\n");
        out.append("# Line format: key<TAB>versions<TAB>canonicalKey, sorted by key (Java String order), UTF-8.\n");
        out.append("#  versions: comma-separated major.minor of the Flink versions that accept the key,"
                + " as a primary or as a fallback/deprecated key; '*' after a version: there the key is only the"
                + " fallback/deprecated name of another key (its canonical key in that version is the canonicalKey column"
                + " if that version knows it).\n");
        out.append("#  canonicalKey: '-' if the key is a primary key in the newest version that accepts it;"
                + " else the primary key it is a fallback/deprecated name of in that version"
                + " (a key primary in 1.x and deprecated in 2.x shows its 2.x replacement).\n");
        out.append("#  '<name>'-style segments are placeholders for user-chosen names"
                + " (e.g. metrics.reporter.<name>.factory.class).\n");
        out.append("#  Kept: options hidden from Flink's docs (@ExcludeFromDocumentation; Flink still reads them)."
                + " Left out: table DDL/hint/connector options (keys of org.apache.flink.table classes"
                + " other than table.* and materialized-table.*).\n");
        for (String key : allKeys) {
            List<String> knownIn = new ArrayList<>();
            VersionScan newest = null;
            for (VersionScan s : scans) {
                if (s.knows(key)) {
                    knownIn.add(s.majorMinor + (s.canonical.get(key) == null ? "" : "*"));
                    newest = s;
                }
            }
            String canonical = newest.canonical.get(key);
            if (canonical == null) {
                canonical = "-";
            }
            out.append(key).append('\t').append(String.join(",", knownIn)).append('\t').append(canonical).append('\n');
        }
        return out.toString();
    }
}
