package io.flinkops.logging;

import io.flinkops.diag.Suggestions;
import io.flinkops.model.RepositorySpec;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YamlLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The logging profiles a config repo can use: the built-in ones (templates shipped on the classpath under
 * {@code templates/logging/}) and those flinkops.yaml declares under {@code loggingProfiles}, whose
 * template files are read from the same source tree as the config. A declared profile with a built-in
 * profile's name replaces it for that repo (as VVP admins redefine {@code default}).
 */
public final class LoggingProfiles {

    /** The profile used when a Deployment names none. */
    public static final String DEFAULT = "default";

    /** The built-in profiles; each is {@code templates/logging/<name>.properties.peb} on the classpath. */
    public static final List<String> BUILT_IN = List.of("default", "json");

    private static final String RESOURCE_DIR = "templates/logging/";
    private static final String SUFFIX = ".properties.peb";

    /** Where a profile's template comes from. */
    public enum Origin { BUILT_IN, REPOSITORY }

    /**
     * One profile.
     *
     * @param path    the classpath resource (built-in) or the repo-relative file (declared), as written
     * @param text    the template text, or empty when it could not be read
     * @param problem why the file could not be read (one sentence), or null
     * @param hint    what to do about {@code problem}
     */
    public record Profile(String name, Origin origin, String path, Optional<String> text, String problem, String hint) {
        public boolean readable() {
            return text.isPresent();
        }
    }

    private final SortedMap<String, Profile> profiles;

    private LoggingProfiles(SortedMap<String, Profile> profiles) {
        this.profiles = Collections.unmodifiableSortedMap(profiles);
    }

    /** Only the built-in profiles. */
    public static LoggingProfiles builtIn() {
        SortedMap<String, Profile> out = new TreeMap<>();
        for (String name : BUILT_IN) out.put(name, builtInProfile(name));
        return new LoggingProfiles(out);
    }

    /** The built-in profiles plus those {@code settings} declares, read from {@code source}. */
    public static LoggingProfiles load(SourceTree source, RepositorySpec settings) {
        SortedMap<String, Profile> out = new TreeMap<>(builtIn().profiles);
        settings.loggingProfilesOrEmpty().forEach((name, declared) -> {
            if (declared == null || declared.file() == null) return; // the schema reports a missing `file`
            out.put(name, read(source, name, declared.file()));
        });
        return new LoggingProfiles(out);
    }

    public SortedMap<String, Profile> all() {
        return profiles;
    }

    public Optional<Profile> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public boolean contains(String name) {
        return profiles.containsKey(name);
    }

    /** Only the declared profiles. */
    public List<Profile> declared() {
        return profiles.values().stream().filter(p -> p.origin() == Origin.REPOSITORY).toList();
    }

    private static Profile builtInProfile(String name) {
        String resource = RESOURCE_DIR + name + SUFFIX;
        try (InputStream in = LoggingProfiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("built-in logging profile missing from the classpath: " + resource);
            return new Profile(name, Origin.BUILT_IN, resource, Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Profile read(SourceTree source, String name, String file) {
        String path = normalize(file);
        if (path == null) {
            return unreadable(name, file, "`" + file + "` is not a path inside the config repo.",
                    "Give the path relative to the repo root, without `..` or a leading `/`, e.g. `logging/" + name + SUFFIX + "`.");
        }
        List<String> paths = new ArrayList<>();
        boolean listed = false;
        for (SourceTree.Entry e : source.entries()) {
            paths.add(e.path());
            if (e.path().equals(path)) listed = true;
        }
        if (!listed) {
            String dym = similarPath(path, paths).map(p -> "Did you mean `" + p + "`?").orElse("");
            return unreadable(name, file, "The template file `" + file + "` does not exist in the config repo.",
                    dym.isEmpty() ? "Add the file (and commit it), or correct the path; it is relative to the repo root." : dym);
        }
        SourceTree.Content content = source.read(path, YamlLimits.DEFAULT.maxFileBytes());
        if (content instanceof SourceTree.Refused r) {
            return unreadable(name, file, "The template file `" + file + "` cannot be read: " + lowerFirst(stripDot(r.message())) + ".",
                    r.hint().isEmpty() ? "Make it a regular, readable file inside the repo." : r.hint());
        }
        byte[] bytes = ((SourceTree.Bytes) content).bytes();
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            if (text.indexOf('\0') >= 0) {
                return unreadable(name, file, "The template file `" + file + "` is binary, not a text template.", "Point `file` at the Twig template.");
            }
            return new Profile(name, Origin.REPOSITORY, file, Optional.of(text), null, null);
        } catch (CharacterCodingException e) {
            return unreadable(name, file, "The template file `" + file + "` is not valid UTF-8.", "Save it as UTF-8.");
        }
    }

    /** A file that is probably the one meant: same folder and name up to the first dot, else a near spelling. */
    static Optional<String> similarPath(String path, List<String> paths) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String base = path.substring(slash + 1);
        String stem = base.contains(".") ? base.substring(0, base.indexOf('.')) : base;
        Optional<String> sameStem = paths.stream()
                .filter(p -> p.startsWith(dir) && p.indexOf('/', dir.length()) < 0)
                .filter(p -> {
                    String b = p.substring(dir.length());
                    return b.equals(stem) || b.startsWith(stem + ".");
                })
                .sorted().findFirst();
        return sameStem.isPresent() ? sameStem : Suggestions.closest(path, paths);
    }

    private static Profile unreadable(String name, String file, String problem, String hint) {
        return new Profile(name, Origin.REPOSITORY, file, Optional.empty(), problem, hint);
    }

    /** {@code ./a//b/./c} → {@code a/b/c}; null for absolute paths, {@code ..}, backslashes or drive letters. */
    public static String normalize(String file) {
        if (file.isBlank() || file.startsWith("/") || file.contains("\\") || file.matches("^[A-Za-z]:.*")) return null;
        List<String> parts = new ArrayList<>();
        for (String p : file.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) return null;
            parts.add(p);
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || s.startsWith("`") ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** For messages: the names, sorted. */
    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }

    @Override
    public String toString() {
        return "LoggingProfiles" + profiles.keySet();
    }
}
