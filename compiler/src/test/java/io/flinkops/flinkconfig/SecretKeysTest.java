package io.flinkops.flinkconfig;

import io.flinkops.flinkoptions.FlinkOptionCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secret-key classifier of FO405 and the pass-through prefixes of FO402, against Flink's real keys. */
class SecretKeysTest {

    /** Every key of the catalogue that FO405 treats as a secret: a new one must be looked at (is it really one?). */
    @Test
    void secretKeysAmongFlinksOptions() {
        Set<String> secret = new TreeSet<>();
        for (String key : FlinkOptionCatalog.load().keys()) {
            if (SecretKeys.isSecretKey(key)) secret.add(key);
        }
        assertEquals(new TreeSet<>(List.of(
                "security.ssl.internal.key-password", "security.ssl.internal.keystore-password",
                "security.ssl.internal.truststore-password", "security.ssl.key-password", "security.ssl.keystore-password",
                "security.ssl.rest.key-password", "security.ssl.rest.keystore-password",
                "security.ssl.rest.truststore-password", "security.ssl.truststore-password")), secret);
    }

    @Test
    void pluginAndReporterSecrets() {
        for (String key : List.of("s3.access-key", "s3.secret-key", "fs.s3a.access.key", "fs.s3a.secret.key",
                "fs.oss.accessKeySecret", "fs.oss.accessKeyId", "fs.azure.account.key.acme.blob.core.windows.net",
                "fs.azure.account.oauth2.client.secret", "metrics.reporter.dghttp.apikey", "metrics.reporter.influxdb.password",
                "metrics.reporter.influxdb.token", "password", "Password")) {
            assertTrue(SecretKeys.isSecretKey(key), key);
        }
        for (String key : List.of("security.ssl.internal.keystore", "security.delegation.tokens.enabled",
                "security.kerberos.fetch.delegation-token", "fs.s3a.aws.credentials.provider", "kubernetes.secrets",
                "kubernetes.env.secretKeyRef", "username", "serviceName", "s3.endpoint")) {
            assertFalse(SecretKeys.isSecretKey(key), key);
        }
    }

    /** Environment variables and program options follow the same conventions as Flink's keys. */
    @Test
    void environmentVariablesAndOptions() {
        for (String name : List.of("DB_PASSWORD", "PASSWORD", "KAFKA_SASL_PASSWORD", "CLIENT_SECRET", "GITHUB_TOKEN", "API_KEY",
                "DD_API_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "VAULT_SECRET_ID", "GOOGLE_APPLICATION_CREDENTIALS",
                "apiKey", "accessToken", "password", "db-password", "s3.secret-key")) {
            assertTrue(SecretKeys.isSecretKey(name), name);
        }
        // where a secret is, or a setting about it
        for (String name : List.of("KAFKA_PASSWORD_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "VAULT_SECRET_PATH", "SECRET_NAME",
                "TOKEN_URL", "PASSWORD_MIN_LENGTH", "CREDENTIALS_PROVIDER", "KEYSTORE_PASSWORD_TYPE", "secretsDir", "API_KEY_HEADER",
                "DB_USER", "TZ", "PWD", "JAVA_TOOL_OPTIONS", "ENABLE_BUILT_IN_PLUGINS")) {
            assertFalse(SecretKeys.isSecretKey(name), name);
        }
        assertEquals(List.of("fs", "oss", "access", "key", "id"), SecretKeys.words("fs.oss.accessKeyId"));
    }

    @Test
    void jaasOptions() {
        assertEquals(List.of("password"), SecretKeys.literalJaasSecrets(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";"));
        assertEquals(List.of(), SecretKeys.literalJaasSecrets(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"${KAFKA_PW}\";"));
        assertEquals(List.of("password"), SecretKeys.literalJaasSecrets("Module required password=plain;"));
        assertTrue(SecretKeys.isJaasConfig("properties.sasl.jaas.config"));
    }

    @Test
    void referenceNames() {
        assertEquals("S3_SECRET_KEY", SecretKeys.referenceName("s3.secret-key"));
        assertEquals("FS_OSS_ACCESS_KEY_SECRET", SecretKeys.referenceName("fs.oss.accessKeySecret"));
    }

    /** No pass-through prefix hides keys Flink defines: those must go through the catalogue (typo detection). */
    @Test
    void passThroughPrefixesAreNotFlinkOptions() {
        FlinkOptionCatalog catalog = FlinkOptionCatalog.load();
        for (String key : catalog.keys()) {
            assertFalse(KnownOptions.isPassThrough(key), key + " is a Flink option under a pass-through prefix");
        }
        assertTrue(KnownOptions.isPassThrough("containerized.master.env.TZ"));
        assertFalse(KnownOptions.isPassThrough("s3."));
    }

    @Test
    void catalogueIsAvailable() {
        assertTrue(OptionCatalogue.get().isPresent());
    }
}
