package io.flinkops;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flinkops.emit.ManifestYaml;
import io.flinkops.testing.FuzzInvariants;
import io.flinkops.testing.MemorySource;
import io.flinkops.testing.TestRepos;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target: the whole compile (load, schema, resolve, plan, validate, render) of examples/repo with one file
 * replaced by the fuzzer's bytes. Nothing escapes it, it reports no internal error (FO099, the CLI's exit 70), and a
 * repo without errors renders. An input is the path of the file to replace (or to add) on its first line, then the
 * file's content. Seeds: CompileFuzzTestInputs.
 */
class CompileFuzzTest {
    private static final Map<String, byte[]> EXAMPLES = MemorySource.read(TestRepos.examplesRepo());

    @FuzzTest(maxDuration = "5m")
    void compilesAnyFileInTheExamples(byte[] input) {
        int newline = 0;
        while (newline < input.length && input[newline] != '\n') newline++;
        String path = new String(input, 0, newline, StandardCharsets.UTF_8).strip();
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || Arrays.asList(path.split("/")).contains("..")) return;
        byte[] content = Arrays.copyOfRange(input, Math.min(input.length, newline + 1), input.length);
        MemorySource source = new MemorySource(EXAMPLES).with(path, content);

        Compilation compilation = FuzzInvariants.quickly(() -> new Compiler().compile(source));
        FuzzInvariants.assertSane(compilation.diagnostics());
        if (!compilation.hasErrors()) {
            assertTrue(compilation.output().isPresent(), "a repo without errors renders");
            // What `render` writes: every object as YAML.
            compilation.output().get().clusters().values().forEach(objects -> objects.forEach(o ->
                    assertFalse(ManifestYaml.write(o.content()).isBlank(), o::name)));
        }
    }
}
