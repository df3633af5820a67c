package io.flinkops.flinkconfig;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value shapes of FO405, on fake credentials that look real (AWS's documented example keys, tokens of the right
 * format made of repeated patterns) and on realistic values that are no secrets.
 */
class SecretShapesTest {

    private static String found(String value) {
        return found(value, null);
    }

    private static String found(String value, String name) {
        return SecretShapes.find(value, name).map(SecretShapes.Found::what).orElse(null);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void awsAccessKeyIds() {
        assertEquals("an AWS access key ID", found("AKIAIOSFODNN7EXAMPLE"));
        assertEquals("an AWS access key ID", found("ASIAY34FZKBOKMUTVV7A"));
        assertEquals("an AWS access key ID", found("-Daws.accessKeyId=AKIAIOSFODNN7EXAMPLE -Xmx1g"));
        // placeholders, other lengths, lower case, part of a longer word
        assertEquals(null, found("AKIAXXXXXXXXXXXXXXXX"));
        assertEquals(null, found("AKIAIOSFODNN7EXAMPL"));
        assertEquals(null, found("AKIAIOSFODNN7EXAMPLE1"));
        assertEquals(null, found("akiaiosfodnn7example"));
        assertEquals(null, found("XAKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void awsSecretAccessKeysOnlyUnderAKeyLikeName() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertEquals("an AWS secret access key", found(secret, "AWS_KEY"));
        assertEquals("an AWS secret access key", found(secret, "job.s3.key"));
        assertEquals("an AWS secret access key", found(secret, "awsCreds"));
        assertEquals(null, found(secret));
        assertEquals(null, found(secret, "pipeline.name"));
        // a git commit (hex, one case) and a path are not keys, whatever the name
        assertEquals(null, found("3f786850e387550fdab836ed7e6dc881de23001b", "aws.key"));
        assertEquals(null, found("/opt/flink/usrlib/keys/keystore-prod.jks1", "aws.key"));
    }

    @Test
    void privateKeysAndServiceAccountKeys() {
        assertEquals("a private key", found("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA…\n-----END RSA PRIVATE KEY-----"));
        assertEquals("a private key", found("-----BEGIN PRIVATE KEY-----\nMIIE…"));
        assertEquals("a private key", found("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assertEquals("a private key", found("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
        assertEquals("a private key", found("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertEquals(null, found("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE…\n-----END CERTIFICATE-----"));
        assertEquals(null, found("-----BEGIN PUBLIC KEY-----"));
        assertEquals("a Google Cloud service account key", found("""
                {"type": "service_account", "project_id": "acme-prod", "private_key_id": "1a2b3c",
                 "private_key": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "client_email": "flink@acme-prod.iam.gserviceaccount.com"}"""));
        assertEquals(null, found("{\"type\": \"service_account\", \"private_key\": \"${GCP_PRIVATE_KEY}\"}"));
        assertEquals(null, found("{\"private_key_id\": \"1a2b3c\"}"));
    }

    @Test
    void azureConnectionStrings() {
        assertEquals("an Azure storage account key (`AccountKey=`)", found(
                "DefaultEndpointsProtocol=https;AccountName=acmeflink;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net"));
        assertEquals("an Azure shared access key (`SharedAccessKey=`)", found(
                "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=XhV0q8tNQ3Wc4kNu0dGp1cS0WZfGk3sIq9lJ2v5e1o0="));
        assertEquals(null, found("DefaultEndpointsProtocol=https;AccountName=acmeflink;AccountKey=${AZURE_STORAGE_KEY}"));
        assertEquals(null, found("Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey"));
    }

    @Test
    void jsonWebTokens() {
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"sub\":\"flink\",\"iat\":1516239022}");
        assertEquals("a JSON Web Token", found(header + "." + payload + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"));
        assertEquals("a JSON Web Token", found("Bearer " + header + "." + payload + "."));
        // three dotted base64url segments without a JWT header
        assertEquals(null, found(base64Url("{\"kid\":\"x\"}") + "." + payload + ".abc"));
        assertEquals(null, found("eyJnotbase64!.abcd.efgh"));
        assertEquals(null, found("com.example.orders.EnrichmentJob"));
    }

    @Test
    void platformTokens() {
        String forty = "0123456789abcdefghijKLMNOPQRSTUVWXYZabcd";
        assertEquals("a GitHub token", found("ghp_" + forty.substring(0, 36)));
        assertEquals("a GitHub token", found("gho_" + forty.substring(0, 36)));
        assertEquals("a GitHub token", found("github_pat_11ABCDEFG0" + "a1B2c3D4e5".repeat(7) + "a1"));
        assertEquals(null, found("ghp_" + forty.substring(0, 20)));
        assertEquals("a GitLab token", found("glpat-xZ3b5L9mQw8e2RtYu1Io"));
        assertEquals(null, found("glpat-short"));
        assertEquals("a Slack token", found("xoxb-2048151236512-4118543299271-Qd9Vx3Lb7Kp2Ws8Yt5Rz1Nc4"));
        assertEquals("a Slack token", found("xoxp-2048151236512-2059934513765-4118543299271-5b3a2f1e9d8c7b6a5f4e3d2c1b0a9f8e"));
        assertEquals(null, found("xoxb-not-a-token"));
    }

    @Test
    void urlsWithCredentialsLikeFo607() {
        assertEquals("a URL with a user name and password", found("jdbc:postgresql://flink:s3cr3t@db.acme.internal:5432/orders"));
        assertEquals("a URL with a user name and password", found("redis://:hunter2@cache.acme.internal:6379/0"));
        assertEquals("a URL with a credential in its query parameter `sig`",
                found("https://acme.blob.core.windows.net/c/x.jar?sv=2022-11-02&sig=abc%2Bdef"));
        assertEquals(null, found("https://${REPO_USER}:${REPO_PASSWORD}@repo.acme.io/lib.jar"));
        assertEquals(null, found("https://flink:${DB_PASSWORD}@repo.acme.io/lib.jar"));
        // a user name alone is an Azure container, a git user, … not a secret
        assertEquals(null, found("abfss://state@acme.dfs.core.windows.net/checkpoints"));
        assertEquals(null, found("ssh://git@github.com/acme/jobs.git"));
        assertEquals(null, found("SASL_SSL://b-1.kafka.acme.internal:9096,SASL_SSL://b-2.kafka.acme.internal:9096"));
    }

    /** What a Flink config repo is full of, and none of it is a secret. */
    @Test
    void realisticValuesThatAreNoSecrets() {
        for (String value : List.of(
                "docker.io/flink@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "s3://state/payments/3fa85f64-5717-4562-b3fc-2c963f66afa6/checkpoints",
                "s3://state/{{ namespace }}/{{ deploymentName }}/savepoints",
                "payments.chargebacks.reconciled.v1",
                "--disputes-topic payments.disputes.v1 --settlements-topic payments.settlements.v4",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"flink\" password=\"${KAFKA_PASSWORD}\";",
                "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "com.amazonaws.auth.WebIdentityTokenCredentialsProvider",
                "c2VjcmV0",
                "MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ",
                "1.20.3-scala_2.12-java17-acme.4",
                "/etc/kafka/pem/client.pem",
                "REGEXP_REPLACE(url, '([?&])(email|e|token)=[^&]*', '$1$2=REDACTED')")) {
            assertEquals(Optional.empty(), SecretShapes.find(value, "some.key"), value);
        }
        assertTrue(SecretShapes.find("", null).isEmpty());
    }
}
