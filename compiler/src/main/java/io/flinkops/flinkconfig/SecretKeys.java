package io.flinkops.flinkconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which names hold secrets, whose values must be references rather than literals (FO405): Flink configuration keys,
 * and the names of environment variables and program options (they follow the same conventions).
 */
public final class SecretKeys {
    /** One {@code name=value} or {@code name="value"} option of a JAAS login module configuration. */
    private static final Pattern JAAS_OPTION = Pattern.compile("([A-Za-z_][\\w.-]*)\\s*=\\s*(\"([^\"]*)\"|([^\\s;\"]+))");

    /**
     * Flink options whose names contain a secret word but whose values are no secrets: names of Kubernetes
     * Secrets to mount or pull images with, a switch, and the kind of a secret store. (Checked against the
     * keys of the flink-options catalogue: these are all its keys that {@link #isSecretKey} would match
     * wrongly.)
     */
    static final Set<String> NOT_SECRETS = Set.of(
            "kubernetes.secrets", "kubernetes.env.secretkeyref", "kubernetes.container.image.pull-secrets",
            "security.kerberos.fetch.delegation-token", "table.secret-store.kind");

    /**
     * Last words that make a name with a secret word in it name something else: where the secret is, or a
     * setting about it ({@code KAFKA_PASSWORD_FILE}, {@code VAULT_SECRET_PATH}, {@code TOKEN_URL},
     * {@code PASSWORD_MIN_LENGTH}, {@code AWS_WEB_IDENTITY_TOKEN_FILE}).
     */
    static final Set<String> NOT_SECRET_LAST_WORDS = Set.of(
            "file", "path", "dir", "directory", "location", "name", "names", "url", "uri", "arn", "ref", "header",
            "provider", "class", "type", "kind", "mode", "format", "algorithm", "enabled", "enable", "required",
            "length", "size", "ttl", "timeout", "interval", "expiry", "expiration", "version", "policy");

    private SecretKeys() {
    }

    /**
     * Whether a Flink key (or a JAAS option name) holds a secret. Words anywhere in the key: password
     * (passwd), secret, access key, API key, account key (Azure), private key; as the last word: token,
     * credentials. So {@code security.ssl.internal.keystore-password}, {@code s3.access-key},
     * {@code fs.s3a.secret.key}, {@code fs.azure.account.key.<account>} are secrets, while
     * {@code security.ssl.internal.keystore} (a path), {@code security.delegation.tokens.enabled} and
     * {@code fs.s3a.aws.credentials.provider} (a class name) are not; nor are the {@link #NOT_SECRETS}, nor names
     * whose last word says they name something else ({@link #NOT_SECRET_LAST_WORDS}: {@code DB_PASSWORD_FILE}).
     */
    public static boolean isSecretKey(String key) {
        // The same few hundred names recur in every deployment of a repo: judge each once.
        Boolean known = SECRET_KEY_VERDICTS.get(key);
        if (known != null) return known;
        boolean verdict = judge(key);
        if (SECRET_KEY_VERDICTS.size() < MAX_REMEMBERED) SECRET_KEY_VERDICTS.put(key, verdict);
        return verdict;
    }

    private static final int MAX_REMEMBERED = 10_000;
    private static final java.util.Map<String, Boolean> SECRET_KEY_VERDICTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static boolean judge(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (NOT_SECRETS.contains(k)) return false;
        List<String> words = words(key);
        String last = words.isEmpty() ? "" : words.get(words.size() - 1);
        if (NOT_SECRET_LAST_WORDS.contains(last)) return false;
        String compact = compact(k);
        if (compact.contains("password") || compact.contains("passwd") || compact.contains("secret")
                || compact.contains("accesskey") || compact.contains("apikey") || compact.contains("accountkey")
                || compact.contains("privatekey")) {
            return true;
        }
        return last.equals("token") || last.equals("credentials");
    }

    /** A JAAS configuration: options such as {@code password="…"} inside it are checked one by one. */
    public static boolean isJaasConfig(String key) {
        return compact(key).endsWith("jaasconfig");
    }

    /** The secret options of a JAAS configuration that are not references. */
    public static List<String> literalJaasSecrets(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = JAAS_OPTION.matcher(value);
        while (m.find()) {
            String name = m.group(1);
            String v = m.group(3) != null ? m.group(3) : m.group(4);
            if (isSecretKey(name) && !v.isBlank() && !SecretReferences.onlyReferences(v) && !out.contains(name)) out.add(name);
        }
        return out;
    }

    /** The words of a name, in lower case: {@code fs.oss.accessKeyId} → fs, oss, access, key, id; {@code DB_PASSWORD} → db, password. */
    public static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (String w : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }

    /** A reference name suggested for a key: {@code s3.secret-key} → {@code S3_SECRET_KEY}. */
    public static String referenceName(String key) {
        String name = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return name.replaceAll("^_+|_+$", "");
    }

    /** The name in lower case without separators: {@code sasl.jaas.config} → {@code sasljaasconfig}. */
    private static String compact(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = Character.toLowerCase(key.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.append(c);
        }
        return out.toString();
    }
}
