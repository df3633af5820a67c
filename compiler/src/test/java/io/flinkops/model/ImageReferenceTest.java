package io.flinkops.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void splitsByDockersRules() {
        assertEquals(new ImageReference(null, "busybox", null, null), ImageReference.parse("busybox"));
        assertEquals(new ImageReference(null, "fluent/fluent-bit", "3.0", null), ImageReference.parse("fluent/fluent-bit:3.0"));
        assertEquals(new ImageReference("localhost:5000", "tools/agent", "1.2", null), ImageReference.parse("localhost:5000/tools/agent:1.2"));
        assertEquals(new ImageReference("localhost", "agent", null, null), ImageReference.parse("localhost/agent"));
        assertEquals(new ImageReference("ghcr.io", "acme/agent", "1.2", DIGEST), ImageReference.parse("ghcr.io/acme/agent:1.2@" + DIGEST));
        assertEquals(new ImageReference(null, "busybox", null, DIGEST), ImageReference.parse("busybox@" + DIGEST));
        // a port is not a tag: the colon is before the last slash
        assertEquals(new ImageReference("registry.acme.io:5000", "agent", null, null), ImageReference.parse("registry.acme.io:5000/agent"));
    }

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io/library/busybox",
            "busybox:1.36, docker.io/library/busybox",
            "fluent/fluent-bit:3.0, docker.io/fluent/fluent-bit",
            "docker.io/busybox, docker.io/library/busybox",
            "index.docker.io/library/busybox, docker.io/library/busybox",
            "localhost:5000/x, localhost:5000/x",
            "Registry.Acme.io/tools/agent:1, registry.acme.io/tools/agent",
            "quay.io/acme/agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, quay.io/acme/agent"})
    void fullNames(String reference, String fullName) {
        assertEquals(fullName, ImageReference.parse(reference).fullName());
    }

    @Test
    void allowedByPolicyEntries() {
        assertTrue(ImageReference.parse("busybox:1.36").allowedBy("docker.io"));
        assertTrue(ImageReference.parse("busybox:1.36").allowedBy("docker.io/library"));
        assertFalse(ImageReference.parse("fluent/fluent-bit:3.0").allowedBy("docker.io/library"));
        assertTrue(ImageReference.parse("registry.acme.io/mirror/busybox:1.36.1").allowedBy("registry.acme.io/mirror"));
        assertFalse(ImageReference.parse("registry.acme.io/mirrors/busybox").allowedBy("registry.acme.io/mirror"));
        assertFalse(ImageReference.parse("registry.acme.io.evil.com/busybox").allowedBy("registry.acme.io"));
        assertFalse(ImageReference.parse("localhost:5000/x").allowedBy("localhost"));
        assertTrue(ImageReference.parse("localhost:5000/x").allowedBy("localhost:5000"));
        assertEquals("quay.io", ImageReference.parse("quay.io/acme/agent").effectiveRegistry());
        assertEquals("docker.io", ImageReference.parse("busybox").effectiveRegistry());
    }

    @Test
    void digests() {
        for (String digest : List.of(DIGEST, "sha512:" + "ab".repeat(64), "sha384:" + "ab".repeat(48))) {
            assertTrue(ImageReference.isDigest(digest), digest);
        }
        for (String digest : List.of("sha256:abc", "sha256:" + "0123456789ABCDEF".repeat(4), "md5:" + "ab".repeat(16), "sha512:" + "ab".repeat(32))) {
            assertFalse(ImageReference.isDigest(digest), digest);
        }
    }

    @Test
    void vvpsOneFieldForTagAndDigest() {
        assertEquals("latest", ImageReference.parse("busybox").flinkImageTag());
        assertEquals("1.36", ImageReference.parse("busybox:1.36").flinkImageTag());
        assertEquals(DIGEST, ImageReference.parse("busybox:1.36@" + DIGEST).flinkImageTag());
    }
}
