package io.flinkops.diag.render;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SARIF's artifactLocation.uri is a URI reference (the schema's {@code "format": "uri-reference"}): file names with
 * spaces, percent signs, `#`, `?` or non-ASCII letters are percent-encoded and read back as the same path.
 */
class SarifUriTest {

    @Test
    void oddFileNamesBecomeValidUriReferencesThatDecodeToThePath() throws Exception {
        String[] paths = {"namespaces/payments/my job.yaml", "namespaces/a/50%.yaml", "namespaces/a/why#not?.yaml",
                "namespaces/zürich/déploiement.yaml", "namespaces/a/[x]{y}.yaml", "flinkops.yaml"};
        for (String path : paths) {
            String uri = SarifRenderer.relativeUri(path);
            URI parsed = new URI(uri); // throws URISyntaxException for anything that is not a URI reference
            assertEquals(path, parsed.getPath(), uri);
            assertEquals(null, parsed.getScheme(), "relative: " + uri);
            assertEquals(null, parsed.getFragment(), uri);
            assertEquals(null, parsed.getQuery(), uri);
        }
        assertEquals("namespaces/payments/my%20job.yaml", SarifRenderer.relativeUri("namespaces/payments/my job.yaml"));
        assertEquals("namespaces/a/50%25.yaml", SarifRenderer.relativeUri("namespaces/a/50%.yaml"));
        assertEquals("namespaces/z%C3%BCrich/a.yaml", SarifRenderer.relativeUri("namespaces/zürich/a.yaml"));
        assertEquals("namespaces/payments/fraud-scoring.yaml", SarifRenderer.relativeUri("namespaces/payments/fraud-scoring.yaml"));
    }
}
