package io.flinkops.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlinkImageTest {

    @ParameterizedTest
    @ValueSource(strings = {"docker.io", "registry.acme.io", "registry.acme.io:5000", "localhost", "localhost:5000",
            "10.0.0.1:5000", "registry.ververica.com/v2.13", "ghcr.io/acme", "my-registry.example.com"})
    void registries(String text) {
        assertTrue(FlinkImage.isRegistry(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://registry.acme.io", "Registry.Acme.io", "registry.acme.io/", "-bad.io",
            "bad-.io", "registry.acme.io:port", "registry.acme.io:123456", "reg istry.io", "registry.acme.io/Flink"})
    void notRegistries(String text) {
        assertFalse(FlinkImage.isRegistry(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flink", "library/flink", "v2.13/flink", "acme/flink-jobs", "a/b/c", "my__image", "my--image",
            "my.image", "registry.acme.io/flink"})
    void repositories(String text) {
        assertTrue(FlinkImage.isRepository(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Flink", "flink:1.20", "flink@sha256:abc", "/flink", "flink/", "flink//jobs", "-flink",
            "flink-", "my___image", "my.-image", "registry.acme.io:5000/flink"})
    void notRepositories(String text) {
        assertFalse(FlinkImage.isRepository(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.20.3-scala_2.12-java17", "latest", "_x", "A", "v1.0",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void tags(String text) {
        assertTrue(FlinkImage.isTag(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-x", "1.20 java17", "a:b", "sha256:xyz"})
    void notTags(String text) {
        assertFalse(FlinkImage.isTag(text), text);
    }

    @Test
    void tagsAreAtMost128Characters() {
        assertTrue(FlinkImage.isTag("a".repeat(128)));
        assertFalse(FlinkImage.isTag("a".repeat(129)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "docker.io|flink|docker.io/library/flink|docker.io",
            "-|flink|docker.io/library/flink|docker.io",
            "-|apache/flink|docker.io/apache/flink|docker.io",
            "index.docker.io|flink|docker.io/library/flink|docker.io",
            "registry.acme.io|flink|registry.acme.io/flink|registry.acme.io",
            "registry.ververica.com|v2.13/flink|registry.ververica.com/v2.13/flink|registry.ververica.com",
            "registry.acme.io/team|flink|registry.acme.io/team/flink|registry.acme.io",
            "-|registry.acme.io/flink|registry.acme.io/flink|registry.acme.io",
            "-|localhost/flink|localhost/flink|localhost",
            "registry.acme.io:5000|flink|registry.acme.io:5000/flink|registry.acme.io:5000",
    })
    void fullNames(String registry, String repository, String fullName, String effectiveRegistry) {
        FlinkImage image = new FlinkImage(registry, repository, "1.20");
        assertEquals(fullName, image.fullName());
        assertEquals(effectiveRegistry, image.effectiveRegistry());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "docker.io|flink|docker.io|true",
            "docker.io|flink|docker.io/|true",
            "docker.io|flink|docker.io/library|true",
            "docker.io|flink|docker.io/library/flink|true",
            "docker.io|flink|docker.io/apache|false",
            "-|flink|docker.io|true",
            "registry.acme.io|flink|docker.io|false",
            "registry.acme.io|flink|registry.acme.io|true",
            "registry.acme.io|flink|Registry.Acme.IO|true",
            "registry.acme.io.evil.com|flink|registry.acme.io|false",
            "registry.acme.io:5000|flink|registry.acme.io|false",
            "registry.acme.io:5000|flink|registry.acme.io:5000|true",
            "registry.acme.io|flink-jobs/x|registry.acme.io/flink|false",
            "registry.acme.io|flink/x|registry.acme.io/flink|true",
            "registry.acme.io/flink|x|registry.acme.io/flink|true",
            "index.docker.io|flink|docker.io|true",
    })
    void policyEntriesMatchAtPathBoundaries(String registry, String repository, String entry, boolean allowed) {
        assertEquals(allowed, new FlinkImage(registry, repository, "t").allowedBy(entry), registry + "/" + repository + " vs " + entry);
    }

    @Test
    void references() {
        assertEquals("docker.io/flink:1.20", new FlinkImage("docker.io", "flink", "1.20").reference());
        assertEquals("flink:1.20", new FlinkImage(null, "flink", "1.20").reference());
        String digest = "sha256:" + "a".repeat(64);
        assertEquals("docker.io/flink@" + digest, new FlinkImage("docker.io", "flink", digest).reference());
    }

    @Test
    void defaultImages() {
        assertEquals(new FlinkImage("docker.io", "flink", "1.20-scala_2.12-java17"), FlinkImage.builtInDefault("1.20"));
        assertEquals(new FlinkImage("docker.io", "flink", "1.17-scala_2.12-java11"), FlinkImage.builtInDefault("1.17"));
        assertEquals(new FlinkImage("docker.io", "flink", "2.0-scala_2.12-java17"), FlinkImage.builtInDefault("2.0"));
        RepositorySpec settings = new RepositorySpec(null, null, null, null,
                Map.of("1.20", new RepositorySpec.Image("registry.acme.io", "flink", "1.20.3")), null);
        assertEquals(new FlinkImage("registry.acme.io", "flink", "1.20.3"), FlinkImage.defaultFor("1.20", settings));
        assertEquals(FlinkImage.builtInDefault("1.19"), FlinkImage.defaultFor("1.19", settings));
    }
}
