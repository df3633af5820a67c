package io.flinkops.importer;

import io.flinkops.testing.TestRepos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inputs of the import tests (compiler/src/test/resources/import, see its README) and what the tests compare. */
final class ImportFixtures {
    private ImportFixtures() {
    }

    static Path inputs(String name) {
        return TestRepos.projectRoot().resolve("compiler/src/test/resources/import").resolve(name);
    }

    static ImportOptions options(List<Path> inputs, Path out) {
        return new ImportOptions(inputs, out, Optional.empty(), ImportOptions.DEFAULT_NAMESPACE, Optional.empty(), false);
    }

    static Importer.Result run(Path out, Path... inputs) {
        return new Importer().run(options(List.of(inputs), out));
    }

    /** The report and every file written, as one text to approve; the temporary output folder is {@code <out>}. */
    static String snapshot(Importer.Result result, Path out) {
        StringBuilder s = new StringBuilder(result.report().text().replace(InputReader.display(out), "<out>"));
        for (Map.Entry<String, byte[]> f : result.files().entrySet()) {
            s.append("\n=== ").append(f.getKey()).append(" ===\n").append(new String(f.getValue(), StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    static void write(Importer.Result result, Path out) {
        try {
            for (Map.Entry<String, byte[]> f : result.files().entrySet()) {
                Path target = out.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
