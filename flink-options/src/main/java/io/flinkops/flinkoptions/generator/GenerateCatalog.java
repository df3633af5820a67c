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
 * {@code key()} and {@code fallbackKeys()}. A class whose initialisation fails is skipped with a
 * warning; the build does not fail.
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
        /** Primary keys (ConfigOption.key()). */
        final Set<String> primary = new TreeSet<>();
        /** fallback/deprecated key -> primary keys it is a fallback of. */
        final Map<String, Set<String>> fallbackOf = new TreeMap<>();
        final Set<String> excluded = new TreeSet<>();
        final List<String> failedClasses = new ArrayList<>();
        int candidateClasses;
        int optionFields;

        VersionScan(String version) {
            this.version = version;
            this.majorMinor = majorMinor(version);
        }

        boolean knows(String key) {
            return primary.contains(key) || fallbackOf.containsKey(key);
        }
    }

    public static void main(String[] args) throws Exception {
        Path output = null;
        Path deps = null;
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--output" -> output = Path.of(args[++i]);
                case "--deps" -> deps = Path.of(args[++i]);
                case "--flink" -> versions.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (output == null || deps == null || versions.isEmpty()) {
            throw new IllegalArgumentException(
                    "usage: GenerateCatalog --output <tsv> --deps <dir> --flink <version>...");
        }
        long start = System.nanoTime();
        List<VersionScan> scans = new ArrayList<>();
        for (String version : versions) {
            Path dir = deps.resolve(version);
            VersionScan scan =
                    scan(version, readPathList(dir.resolve("classpath.txt")), readPathList(dir.resolve("scan.txt")));
            scans.add(scan);
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
        // Option classes may have started threads or registered hooks: do not linger.
        System.exit(0);
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
        sortedScanJars.sort(Comparator.comparing(p -> p.getFileName().toString()));
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
            String descriptor = "L" + CONFIG_OPTION.replace('.', '/') + ";";

            for (Path jar : sortedScanJars) {
                result.scannedJars.add(jar.getFileName().toString());
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
                    boolean classExcluded = annotation(type.getAnnotations(), EXCLUDE_FROM_DOCS) != null;
                    Field[] fields = type.getDeclaredFields();
                    Arrays.sort(fields, Comparator.comparing(Field::getName));
                    for (Field field : fields) {
                        int mod = field.getModifiers();
                        if (!Modifier.isPublic(mod) || !Modifier.isStatic(mod) || !Modifier.isFinal(mod)
                                || !configOption.isAssignableFrom(field.getType())) {
                            continue;
                        }
                        field.setAccessible(true);
                        Object option = field.get(null);
                        if (option == null) {
                            continue;
                        }
                        result.optionFields++;
                        Annotation[] annotations = field.getAnnotations();
                        String prefix = "";
                        Annotation suffix = annotation(annotations, SUFFIX_OPTION);
                        if (suffix != null) {
                            prefix = suffix.annotationType().getMethod("value").invoke(suffix) + ".";
                        }
                        String primaryKey = prefix + key.invoke(option);
                        if (classExcluded || annotation(annotations, EXCLUDE_FROM_DOCS) != null) {
                            // Internal options (Flink's docs hide them); users are not meant to set them.
                            result.excluded.add(primaryKey);
                            continue;
                        }
                        result.primary.add(primaryKey);
                        for (Object fb : (Iterable<?>) fallbackKeys.invoke(option)) {
                            String fallback = prefix + fallbackGetKey.invoke(fb);
                            if (!fallback.equals(primaryKey)) {
                                result.fallbackOf.computeIfAbsent(fallback, k -> new TreeSet<>()).add(primaryKey);
                            }
                        }
                    }
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        // An excluded option whose key is also declared (documented) elsewhere stays known.
        result.excluded.removeAll(result.primary);
        result.excluded.removeAll(result.fallbackOf.keySet());
        System.out.printf("%sFlink %s: %d jars, %d candidate classes, %d skipped, %d option fields, "
                        + "%d primary keys, %d fallback keys, %d internal keys left out%n",
                LOG, version, result.scannedJars.size(), result.candidateClasses, result.failedClasses.size(),
                result.optionFields, result.primary.size(), result.fallbackOf.size(), result.excluded.size());
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
            allKeys.addAll(s.primary);
            allKeys.addAll(s.fallbackOf.keySet());
        }
        StringBuilder out = new StringBuilder();
        out.append("# Flink configuration keys, generated at build time by ")
                .append(GenerateCatalog.class.getName()).append(" - do not edit.\n");
        out.append("# Source: public static final ConfigOption fields of org.apache.flink classes"
                + " in the Flink jars below (Maven Central).\n");
        for (VersionScan s : scans) {
            out.append("# flink ").append(s.majorMinor).append(" (").append(s.version).append("): ")
                    .append(String.join(" ", s.scannedJars)).append('\n');
        }
        StringBuilder counts = new StringBuilder();
        for (VersionScan s : scans) {
            long n = allKeys.stream().filter(s::knows).count();
            counts.append(counts.length() == 0 ? "" : ", ").append(s.majorMinor).append(": ").append(n);
        }
        out.append("# keys: ").append(allKeys.size()).append(" (").append(counts).append(")\n");
        out.append("# Format: key<TAB>versions<TAB>canonicalKey, sorted by key (UTF-16 order).\n");
        out.append("#  versions: the Flink major.minor versions that accept the key,"
                + " as a primary key or as a fallback/deprecated key.\n");
        out.append("#  canonicalKey: taken from the newest of those versions: '-' if the key is a primary key"
                + " there, else the primary key it is a fallback/deprecated name of there.\n");
        out.append("#  A '<name>'-style segment is a placeholder for a user-chosen name"
                + " (Flink's @SuffixOption options, e.g. metrics.reporter.<name>.factory.class).\n");
        for (String key : allKeys) {
            List<String> knownIn = new ArrayList<>();
            VersionScan newest = null;
            for (VersionScan s : scans) {
                if (s.knows(key)) {
                    knownIn.add(s.majorMinor);
                    newest = s;
                }
            }
            String canonical = "-";
            if (!newest.primary.contains(key)) {
                canonical = newest.fallbackOf.get(key).iterator().next();
            }
            out.append(key).append('\t').append(String.join(",", knownIn)).append('\t').append(canonical).append('\n');
        }
        return out.toString();
    }
}
