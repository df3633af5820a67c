package io.flinkops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.source.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoGeneratorTest {

    @Test
    void generatedRepoValidatesWithoutErrors(@TempDir Path dir) throws Exception {
        new RepoGenerator(50, 5, 42).writeTo(dir);
        Compilation compilation = new Compiler().compile(Sources.workingTree(dir));
        String errors = compilation.diagnostics().sorted().stream().map(Object::toString)
                .collect(Collectors.joining("\n"));
        assertTrue(!compilation.hasErrors(), errors);
        assertTrue(compilation.output().isPresent());
    }

    @Test
    void sameSeedSameRepo(@TempDir Path a, @TempDir Path b) throws IOException {
        new RepoGenerator(30, 4, 7).writeTo(a);
        new RepoGenerator(30, 4, 7).writeTo(b);
        assertEquals(contents(a), contents(b));
        assertEquals(30, contents(a).keySet().stream().filter(p -> p.contains("/deployments/")).count());
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
