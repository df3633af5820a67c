package io.flinkops.flinkconfig;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Credentials written into a URI: user info ({@code https://user:pass@host/…}) or a query parameter that carries one
 * (pre-signed S3 and GCS URLs, Azure SAS tokens, API keys and tokens). {@code ${NAME}} references and
 * {@code {{ … }}} placeholders in their place are no credentials. Artifact URIs (FO607) and URLs inside any other
 * value (FO405) are judged by this one definition.
 */
public final class UriCredentials {
    /** Azure schemes, whose user-info part is the container or file system, not a user. */
    private static final Set<String> AZURE = Set.of("wasb", "wasbs", "abfs", "abfss");
    /** Query parameters that carry credentials: pre-signed S3/GCS URLs, Azure SAS tokens, API keys and tokens. */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of(
            "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature", "x-goog-credential",
            "sig", "signature", "token", "access_token", "access_key", "accesskey", "secret", "password", "api_key", "apikey");

    /** What a URI carries. */
    public enum Kind {
        /** a password (and a user name, which may be a reference) */
        USER_AND_PASSWORD,
        /** a user name alone, or with a reference as its password: a token often goes there ({@code https://<token>@host}) */
        USER,
        QUERY_PARAMETER
    }

    /**
     * A credential found in a URI.
     *
     * @param parameter the query parameter that carries it (QUERY_PARAMETER), else null
     */
    public record Credential(Kind kind, String parameter) {
        /** "a user name and password", "a user name", "a credential in its query parameter `sig`". */
        public String description() {
            return switch (kind) {
                case USER_AND_PASSWORD -> "a user name and password";
                case USER -> "a user name";
                case QUERY_PARAMETER -> "a credential in its query parameter `" + parameter + "`";
            };
        }
    }

    private UriCredentials() {
    }

    /** The first credential in {@code uri} (text starting with its scheme), user info before query parameters. */
    public static Optional<Credential> find(String uri) {
        int start = uri.indexOf("://");
        if (start >= 0) {
            int end = start + 3;
            while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) end++;
            String authority = uri.substring(start + 3, end);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
                String password = colon < 0 ? "" : userInfo.substring(colon + 1);
                if (!onlyReferences(password)) return Optional.of(new Credential(Kind.USER_AND_PASSWORD, null));
                boolean azureContainer = colon < 0 && AZURE.contains(uri.substring(0, start).toLowerCase(Locale.ROOT));
                if (!azureContainer && !onlyReferences(user)) return Optional.of(new Credential(Kind.USER, null));
            }
        }
        int q = uri.indexOf('?');
        if (q < 0) return Optional.empty();
        int hash = uri.indexOf('#', q);
        String query = uri.substring(q + 1, hash < 0 ? uri.length() : hash);
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String v = eq < 0 ? "" : param.substring(eq + 1);
            if (CREDENTIAL_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) && !v.isEmpty() && !onlyReferences(v)) {
                return Optional.of(new Credential(Kind.QUERY_PARAMETER, name));
            }
        }
        return Optional.empty();
    }

    /** Text made of nothing but {@code ${NAME}} references and {@code {{ … }}} placeholders (or nothing). */
    private static boolean onlyReferences(String text) {
        return ConfigValues.DEFERRED_PART.matcher(text).replaceAll("").isEmpty();
    }
}
