package io.flinkops.flinkconfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one definition of credentials in a URI, for artifact URIs (FO607) and URLs in any value (FO405). */
class UriCredentialsTest {

    private static String found(String uri) {
        return UriCredentials.find(uri).map(UriCredentials.Credential::description).orElse(null);
    }

    @Test
    void userInfo() {
        assertEquals("a user name and password", found("https://deploy:s3cr3t@repo.example.com/job.jar"));
        assertEquals("a user name and password", found("https://${REPO_USER}:s3cr3t@repo.example.com/job.jar"));
        assertEquals("a user name and password", found("redis://:s3cr3t@cache:6379"));
        // a token often goes where the user name is
        assertEquals("a user name", found("https://ghp_token@repo.example.com/lib.jar"));
        assertEquals("a user name", found("https://deploy:${REPO_PASSWORD}@repo.example.com/job.jar"));
        assertEquals(null, found("https://${REPO_USER}:${REPO_PASSWORD}@repo.example.com/job.jar"));
        // Azure's user info is the container
        assertEquals(null, found("wasbs://jars@acme.blob.core.windows.net/lib.jar"));
        assertEquals(null, found("abfss://jars@acme.dfs.core.windows.net/lib.jar"));
        assertEquals("a user name and password", found("abfss://jars:key@acme.dfs.core.windows.net/lib.jar"));
    }

    @Test
    void queryParameters() {
        assertEquals("a credential in its query parameter `X-Amz-Signature`",
                found("https://bucket.s3.amazonaws.com/udfs.jar?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abcdef"));
        assertEquals("a credential in its query parameter `sig`", found("https://acct.blob.core.windows.net/jars/lib.jar?sv=2022-11-02&sig=abc"));
        assertEquals(null, found("https://repo.example.com/lib.jar?versionId=3&token="));
        assertEquals(null, found("https://repo.example.com/lib.jar?token=${REPO_TOKEN}"));
        assertEquals(null, found("s3://artifacts/job-1.0.jar"));
    }
}
