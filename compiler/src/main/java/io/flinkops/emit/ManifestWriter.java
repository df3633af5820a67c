package io.flinkops.emit;

import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * </pre>
 * The layout depends only on the objects, so the same input always gives the same files and bytes.
 */
public final class ManifestWriter {
    public static final String MARKER = ".flinkops-output";

    private ManifestWriter() {
    }

    /** Every file of the output, relative path → content, in a stable order. */
    public static SortedMap<String, String> files(RenderOutput output) {
        SortedMap<String, String> files = new TreeMap<>();
        files.put(MARKER, "This directory is written by `flinkops render`; its contents are replaced on every render.\n");
        if (!output.codeowners().isEmpty()) files.put("CODEOWNERS", output.codeowners());
        output.clusters().forEach((cluster, objects) -> {
            List<String> resources = new ArrayList<>();
            for (RenderedObject o : objects) {
                String path = o.namespace() + "/" + o.kind().toLowerCase(Locale.ROOT) + "-" + o.name() + ".yaml";
                if (files.putIfAbsent(cluster + "/" + path, ManifestYaml.write(o.content())) != null) {
                    throw new IllegalStateException("two objects render to " + cluster + "/" + path);
                }
                resources.add(path);
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
     */
    public static void write(RenderOutput output, Path out) throws OutputDirectoryException {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new OutputDirectoryException(out + " exists and is not a directory");
            }
            if (Files.isDirectory(out) && !Files.exists(out.resolve(MARKER)) && !isEmpty(out)) {
                throw new OutputDirectoryException(out + " is not empty and was not written by flinkops render; choose an empty or new directory");
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, ".flinkops-render-");
            for (Map.Entry<String, String> f : files(output).entrySet()) {
                Path target = staging.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
            if (Files.exists(out)) deleteTree(out);
            Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
