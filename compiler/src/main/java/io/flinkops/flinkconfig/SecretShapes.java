package io.flinkops.flinkconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a secret looks like, whatever the name of the field that holds it (FO405): formats that credentials have by
 * design, so that a match is almost never anything else. The patterns follow gitleaks' rules (aws-access-token,
 * private-key, jwt, github-pat and siblings, gitlab-pat, slack-bot-token / slack-user-token) and Azure's and Google's
 * documented formats. Text inside {@code ${NAME}} references and {@code {{ … }}} placeholders is never a secret.
 *
 * <p>Left out on purpose, to keep false positives low: high-entropy strings in general (hashes, image digests, UUIDs,
 * base64 blobs), and a 40-character AWS secret access key unless the name next to it says it is a key
 * ({@code aws}, {@code key}, {@code creds}): alone it cannot be told from any other base64 text.
 */
public final class SecretShapes {

    /** A secret found in a value, as messages name it: "an AWS access key ID". */
    public record Found(String what) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code -----BEGIN RSA PRIVATE KEY-----}, {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}, PGP's {@code … PRIVATE KEY BLOCK-----}. */
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");
    /** A Google Cloud service account key file (JSON) pasted into a value: its {@code "private_key"} with content. */
    private static final Pattern GCP_SERVICE_ACCOUNT_KEY = Pattern.compile("\"private_key\"\\s*:\\s*\"[^\"\\s]");
    /** Long-term ({@code AKIA}) and temporary STS ({@code ASIA}) access key IDs. */
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("(?<![A-Za-z0-9_])(?:AKIA|ASIA)([A-Z0-9]{16})(?![A-Za-z0-9_])");
    private static final Pattern AWS_SECRET_ACCESS_KEY = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    /** The key of an Azure storage connection string. */
    private static final Pattern AZURE_ACCOUNT_KEY = Pattern.compile("(?<![A-Za-z])AccountKey=[A-Za-z0-9+/]{20,}");
    /** The key of an Azure Service Bus or Event Hubs connection string (Kafka clients of Event Hubs use one). */
    private static final Pattern AZURE_SHARED_ACCESS_KEY = Pattern.compile("(?<![A-Za-z])SharedAccessKey=[A-Za-z0-9+/]{20,}");
    /** Personal, OAuth, user-to-server, server-to-server and refresh tokens; fine-grained personal access tokens. */
    private static final Pattern GITHUB_TOKEN = Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])");
    private static final Pattern GITLAB_TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}");
    /** Bot ({@code xoxb-}) and user ({@code xoxp-}) tokens: the prefix, then the team's and the user's numeric ids. */
    private static final Pattern SLACK_TOKEN = Pattern.compile("(?<![A-Za-z0-9])xox[bp]-[0-9]{10,13}-[0-9A-Za-z-]{10,}");
    /** Three base64url segments, the first a JSON object ({@code eyJ} is {@code {"}); the header is checked for {@code alg}. */
    private static final Pattern JWT = Pattern.compile("(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s'\"<>`]+");

    /** The shapes in the order they are tried: the most specific first. */
    private static final List<Function<Search, Optional<Found>>> SHAPES = List.of(
            s -> s.matches("\"private_key\"", GCP_SERVICE_ACCOUNT_KEY, "a Google Cloud service account key"),
            s -> s.matches("PRIVATE KEY", PRIVATE_KEY, "a private key"),
            SecretShapes::awsAccessKeyId,
            s -> s.matches("AccountKey=", AZURE_ACCOUNT_KEY, "an Azure storage account key (`AccountKey=`)"),
            s -> s.matches("SharedAccessKey=", AZURE_SHARED_ACCESS_KEY, "an Azure shared access key (`SharedAccessKey=`)"),
            s -> s.matches("_", GITHUB_TOKEN, "a GitHub token"),
            s -> s.matches("glpat-", GITLAB_TOKEN, "a GitLab token"),
            s -> s.matches("xox", SLACK_TOKEN, "a Slack token"),
            SecretShapes::jsonWebToken,
            SecretShapes::urlCredentials,
            SecretShapes::awsSecretAccessKey);

    private SecretShapes() {
    }

    /**
     * The first secret in {@code value}.
     *
     * @param name the name the value is written under (a configuration key, an environment variable, an option), or
     *             null; it decides only whether a bare 40-character key counts
     */
    public static Optional<Found> find(String value, String name) {
        if (value == null || value.isBlank()) return Optional.empty();
        Search search = new Search(value, masked(value), name);
        for (Function<Search, Optional<Found>> shape : SHAPES) {
            Optional<Found> found = shape.apply(search);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /**
     * A value being searched.
     *
     * @param text   the value with every reference and placeholder blanked out, so no pattern matches inside one
     */
    private record Search(String value, String text, String name) {
        /** @param literal text every match contains: most values lack it, and a search for it is far cheaper than the pattern's */
        Optional<Found> matches(String literal, Pattern pattern, String what) {
            return text.contains(literal) && pattern.matcher(text).find() ? Optional.of(new Found(what)) : Optional.empty();
        }
    }

    private static Optional<Found> awsAccessKeyId(Search s) {
        if (!s.text().contains("AKIA") && !s.text().contains("ASIA")) return Optional.empty();
        Matcher m = AWS_ACCESS_KEY_ID.matcher(s.text());
        while (m.find()) {
            // AKIAXXXXXXXXXXXXXXXX and the like are placeholders, not keys
            if (m.group(1).chars().distinct().count() >= 4) return Optional.of(new Found("an AWS access key ID"));
        }
        return Optional.empty();
    }

    private static Optional<Found> jsonWebToken(Search s) {
        if (!s.text().contains("eyJ")) return Optional.empty();
        Matcher m = JWT.matcher(s.text());
        while (m.find()) {
            try {
                JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(m.group(1)));
                if (header != null && header.isObject() && header.has("alg")) return Optional.of(new Found("a JSON Web Token"));
            } catch (IllegalArgumentException | java.io.IOException e) {
                // not base64url, or not JSON: not a token
            }
        }
        return Optional.empty();
    }

    /** A URL with a password or a credential query parameter ({@link UriCredentials}); a user name alone is no secret here. */
    private static Optional<Found> urlCredentials(Search s) {
        // credentials in a URL are user info (`@`) or a query parameter (`?`)
        if (!s.value().contains("://") || (s.value().indexOf('@') < 0 && s.value().indexOf('?') < 0)) return Optional.empty();
        Matcher m = URL.matcher(s.value());
        while (m.find()) {
            Optional<UriCredentials.Credential> c = UriCredentials.find(m.group());
            if (c.isPresent() && c.get().kind() != UriCredentials.Kind.USER) return Optional.of(new Found("a URL with " + c.get().description()));
        }
        return Optional.empty();
    }

    /** Only next to a name that says "key": {@code aws_key}, {@code my.s3.key}, {@code AWS_CREDS}. */
    private static Optional<Found> awsSecretAccessKey(Search s) {
        if (s.name() == null || s.text().length() < 40) return Optional.empty();
        List<String> words = SecretKeys.words(s.name());
        if (!(words.contains("aws") || words.contains("key") || words.contains("creds"))) return Optional.empty();
        Matcher m = AWS_SECRET_ACCESS_KEY.matcher(s.text());
        while (m.find()) {
            String key = m.group();
            // base64 of random bytes mixes cases and digits; a path or a hex hash does not
            if (key.chars().anyMatch(Character::isUpperCase) && key.chars().anyMatch(Character::isLowerCase)
                    && key.chars().anyMatch(Character::isDigit)) {
                return Optional.of(new Found("an AWS secret access key"));
            }
        }
        return Optional.empty();
    }

    /** The value with every {@code ${NAME}} and {@code {{ … }}} replaced by as many blanks. */
    private static String masked(String value) {
        if (!value.contains("${") && !value.contains("{{")) return value;
        Matcher m = ConfigValues.DEFERRED_PART.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, " ".repeat(m.end() - m.start()));
        m.appendTail(out);
        return out.toString();
    }
}
