package io.flinkops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's .pre-commit-hooks.yaml against pre-commit's manifest schema (the keys and types of
 * pre_commit/clientlib.py, MANIFEST_HOOK_DICT), and with pre-commit's own {@code validate-manifest} where
 * pre-commit is installed. Running the hooks needs a Maven build inside pre-commit's clone; docs/pre-commit.md
 * says how that was tried.
 */
class PreCommitHooksTest {
    static final Path MANIFEST = TestRepos.projectRoot().resolve(".pre-commit-hooks.yaml");

    /** MANIFEST_HOOK_DICT of pre-commit 3.x: key → JSON type. */
    static final List<String> STRING_KEYS = List.of("id", "name", "entry", "language", "alias", "files", "exclude", "description",
            "language_version", "log_file", "minimum_pre_commit_version");
    static final List<String> BOOLEAN_KEYS = List.of("always_run", "fail_fast", "pass_filenames", "require_serial", "verbose");
    static final List<String> LIST_KEYS = List.of("types", "types_or", "exclude_types", "additional_dependencies", "args", "stages");
    static final Set<String> LANGUAGES = Set.of("conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang", "haskell",
            "julia", "lua", "node", "perl", "pygrep", "python", "r", "ruby", "rust", "script", "swift", "system", "unsupported", "unsupported_script");

    @Test
    void everyHookFollowsTheManifestSchema() throws Exception {
        JsonNode hooks = new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
        assertTrue(hooks.isArray() && hooks.size() > 0, "a manifest is a list of hooks");
        List<String> ids = new ArrayList<>();
        for (JsonNode hook : hooks) {
            for (String required : List.of("id", "name", "entry", "language")) {
                assertTrue(hook.hasNonNull(required), hook + " lacks " + required);
            }
            for (Iterator<String> it = hook.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                JsonNode value = hook.get(key);
                if (STRING_KEYS.contains(key)) assertTrue(value.isTextual(), key + " must be a string");
                else if (BOOLEAN_KEYS.contains(key)) assertTrue(value.isBoolean(), key + " must be a boolean");
                else if (LIST_KEYS.contains(key)) assertTrue(value.isArray(), key + " must be a list");
                else throw new AssertionError("pre-commit does not know the key `" + key + "`");
            }
            assertTrue(LANGUAGES.contains(hook.get("language").asText()), hook.get("language").asText());
            ids.add(hook.get("id").asText());
        }
        assertEquals(ids.stream().distinct().toList(), ids, "hook ids are unique");
    }

    @Test
    void theHooksCheckTheStagedIndexThemselves() throws Exception {
        for (JsonNode hook : new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile())) {
            assertEquals("flinkops validate --staged", hook.get("entry").asText());
            // flinkops reads the index and finds the scope itself; pre-commit's file list leaves out deletions.
            assertFalse(hook.get("pass_filenames").asBoolean());
            assertTrue(hook.get("always_run").asBoolean());
            if (hook.get("language").asText().equals("script")) {
                // pre-commit runs a script hook's entry from its clone of this repository: the launcher.
                Path launcher = TestRepos.projectRoot().resolve(hook.get("entry").asText().split(" ")[0]);
                assertTrue(Files.isRegularFile(launcher) && Files.isExecutable(launcher), launcher + " must be an executable file");
            }
        }
    }

    @Test
    void preCommitAcceptsTheManifest() throws Exception {
        Assumptions.assumeTrue(onPath("pre-commit"), "pre-commit is not installed");
        Process p = new ProcessBuilder("pre-commit", "validate-manifest", MANIFEST.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
