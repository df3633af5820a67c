package io.flinkops.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The emit stage: lays out a {@link RenderOutput} as files.
 * <pre>
 * OUT/.flinkops-output                               marks a directory flinkops may replace
 * OUT/CODEOWNERS                                     fragment for the config repo
 * OUT/&lt;cluster&gt;/kustomization.yaml                   lists the cluster's files, for kubectl -k, Argo CD, Flux
 * OUT/&lt;cluster&gt;/&lt;k8s-namespace&gt;/&lt;kind&gt;-&lt;name&gt;.yaml   one object per file
 * OUT/&lt;cluster&gt;/&lt;k8s-namespace&gt;/namespace-&lt;k8s-namespace&gt;.yaml   with {@link EmitOptions#namespaceObjects()}
 * </pre>
 * The layout depends only on the objects, so the same input always gives the same files and bytes. {@link #stream}
 * writes one cluster as one multi-document stream instead ({@code flinkops render --out -}).
 */
public final class ManifestWriter {
    public static final String MARKER = ".flinkops-output";

    private ManifestWriter() {
    }

    /** Every file of the output, relative path → content, in a stable order. */
    public static SortedMap<String, String> files(RenderOutput output) {
        return files(output, EmitOptions.DEFAULT);
    }

    /** Every file of the output, relative path → content, in a stable order. */
    public static SortedMap<String, String> files(RenderOutput output, EmitOptions options) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put(MARKER, "This directory is written by `flinkops render`; its contents are replaced on every render.\n");
        if (!output.codeowners().isEmpty()) files.put("CODEOWNERS", output.codeowners());
        output.clusters().forEach((cluster, objects) -> {
            List<String> resources = new ArrayList<>();
            // Objects are written as YAML in parallel; the order of the list is kept.
            List<String> texts = objects.parallelStream().map(o -> ManifestYaml.write(o.content())).toList();
            for (int i = 0; i < objects.size(); i++) {
                RenderedObject o = objects.get(i);
                String path = o.namespace() + "/" + o.kind().toLowerCase(Locale.ROOT) + "-" + o.name() + ".yaml";
                if (files.putIfAbsent(cluster + "/" + path, texts.get(i)) != null) {
                    throw new IllegalStateException("two objects render to " + cluster + "/" + path);
                }
                resources.add(path);
            }
            if (options.namespaceObjects()) {
                for (ObjectNode namespace : NamespaceObjects.of(cluster, objects)) {
                    String name = namespace.path("metadata").path("name").asText();
                    String path = name + "/namespace-" + name + ".yaml";
                    files.put(cluster + "/" + path, ManifestYaml.write(namespace));
                    resources.add(path);
                }
            }
            Map<String, Object> kustomization = new LinkedHashMap<>();
            kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
            kustomization.put("kind", "Kustomization");
            kustomization.put("resources", resources.stream().sorted().toList());
            files.put(cluster + "/kustomization.yaml", ManifestYaml.write(kustomization));
        });
        return files;
    }

    /**
     * Writes the output to {@code out}, replacing what an earlier render wrote there. Refuses a non-empty
     * directory that flinkops did not write, so a wrong --out never deletes someone's files.
     * <p>
     * A new directory is written whole in a staging directory and moved into place. Into an earlier render,
     * only the difference is written: a changed file is replaced atomically (temp file and rename), an
     * unchanged one is left alone (so is its modification time, which build tools and {@code git status} see),
     * and files and directories the new output no longer has are removed. A re-render of 10,000 deployments
     * that changes one therefore writes one file instead of recreating every file.
     */
    public static void write(RenderOutput output, Path out) throws OutputDirectoryException {
        write(output, out, EmitOptions.DEFAULT);
    }

    /** {@link #write(RenderOutput, Path)} with options. */
    public static void write(RenderOutput output, Path out, EmitOptions options) throws OutputDirectoryException {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new OutputDirectoryException(out + " exists and is not a directory");
            }
            boolean earlierRender = Files.isDirectory(out) && Files.exists(out.resolve(MARKER));
            if (Files.isDirectory(out) && !earlierRender && !isEmpty(out)) {
                throw new OutputDirectoryException(out + " is not empty and was not written by flinkops render; choose an empty or new directory");
            }
            SortedMap<String, String> files = files(output, options);
            if (earlierRender) {
                update(out, files);
            } else {
                writeFresh(out, files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The objects of {@code cluster} as one YAML stream, documents separated by {@code ---}, in the order they can be
     * applied in: Namespaces (with {@link EmitOptions#namespaceObjects()}), then by kind in dependency order
     * ({@link ObjectKind}: ServiceAccounts, Roles, RoleBindings, ConfigMaps, FlinkDeployments, FlinkSessionJobs),
     * then by namespace and name; the order {@code kustomize build} gives the same objects. Empty when the cluster has
     * no objects.
     */
    public static String stream(RenderOutput output, String cluster, EmitOptions options) {
        List<RenderedObject> objects = output.clusters().getOrDefault(cluster, List.of());
        List<JsonNode> documents = new ArrayList<>();
        if (options.namespaceObjects()) documents.addAll(NamespaceObjects.of(cluster, objects));
        objects.stream().sorted(APPLY_ORDER).forEach(o -> documents.add(o.content()));
        StringBuilder out = new StringBuilder();
        for (JsonNode document : documents) out.append("---\n").append(ManifestYaml.write(document));
        return out.toString();
    }

    private static final Comparator<RenderedObject> APPLY_ORDER = Comparator
            .comparing((RenderedObject o) -> ObjectKind.of(o.apiVersion(), o.kind()).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
            .thenComparing(RenderedObject::namespace)
            .thenComparing(RenderedObject::name);

    private static void writeFresh(Path out, SortedMap<String, String> files) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, ".flinkops-render-");
        try {
            writeAll(staging, files);
            if (Files.exists(out)) Files.delete(out); // an empty directory (checked above)
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(staging);
            throw e;
        }
    }

    private static void writeAll(Path root, SortedMap<String, String> files) throws IOException {
        Path createdDir = null;
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = root.resolve(f.getKey());
            // Files come sorted, so a directory's files are consecutive: create each directory once.
            if (!target.getParent().equals(createdDir)) {
                createdDir = target.getParent();
                Files.createDirectories(createdDir);
            }
            Files.write(target, f.getValue().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void update(Path out, SortedMap<String, String> files) throws IOException {
        Set<Path> keepDirs = new HashSet<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = out.resolve(f.getKey());
            for (Path d = target.getParent(); d != null && !d.equals(out) && keepDirs.add(d); d = d.getParent()) {
                Files.createDirectories(d);
            }
            byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && Files.size(target) == content.length
                    && Arrays.equals(Files.readAllBytes(target), content)) {
                continue;
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) deleteTree(target);
            Path temp = Files.createTempFile(target.getParent(), ".flinkops-", ".tmp");
            try {
                Files.write(temp, content);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
        // What the new output no longer has: deepest first, so directories are empty when their turn comes.
        List<Path> existing;
        try (Stream<Path> s = Files.walk(out)) {
            existing = s.filter(p -> !p.equals(out)).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : existing) {
            String relative = out.relativize(p).toString().replace('\\', '/');
            if (files.containsKey(relative) || keepDirs.contains(p)) continue;
            Files.delete(p);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** The output directory cannot be used (a usage problem, exit 2). */
    public static final class OutputDirectoryException extends Exception {
        public OutputDirectoryException(String message) {
            super(message);
        }
    }
}
