package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.ConfigValues;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FO611, FO612: operator 1.15 checks a FlinkSessionJob's {@code jarURI} against its own configuration
 * ({@code DefaultValidator.validateJarURI}): the scheme must be in {@code kubernetes.operator.user.artifacts.allowed-schemes}
 * (default {@code https} only), and with {@code kubernetes.operator.user.artifacts.disallow-restricted-hosts} (default
 * on) an http(s) host must not resolve to a loopback, link-local, site-local, wildcard or multicast address. That
 * configuration is the operator's, outside the config repo, so flinkops.yaml declares it ({@code spec.operator}).
 *
 * <p>Only hosts written as an IP address (or {@code localhost}) are judged: what a name resolves to is known only
 * where the operator runs. A URI that does not parse, has no scheme or host, or a scheme the repository's own policy
 * forbids is reported by FO606/FO608 and not again here; so is one with a reference (FO921).
 */
public final class SessionJarRules implements Rule {
    /** The first operator release that checks session jobs' jar URIs. */
    static final String SINCE = "1.15";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SESSION_JAR_SCHEME_NOT_ALLOWED, Code.SESSION_JAR_HOST_RESTRICTED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        RepositorySpec settings = plan.resolved().settings();
        if (FlinkVersions.compare(settings.operatorVersion(), SINCE) < 0) return;
        for (ResourcePlan p : plan.plans()) {
            if (!p.isSessionJob()) continue;
            ArtifactPlan artifact = p.job().orElseThrow().artifact();
            artifact.uris().stream().filter(u -> u.field().equals("jarUri")).findFirst()
                    .ifPresent(jar -> checkJar(p, jar, settings, context));
        }
    }

    private static void checkJar(ResourcePlan p, ArtifactPlan.Uri jar, RepositorySpec settings, RuleContext context) {
        String uri = p.placeholders().fill(jar.value());
        if (ConfigValues.isDeferred(uri)) return; // FO921, FO922
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return; // FO608
        }
        String scheme = parsed.getScheme();
        if (scheme == null) return; // FO608
        String s = scheme.toLowerCase(Locale.ROOT);
        if (settings.allowedJarSchemes().stream().noneMatch(a -> a.equalsIgnoreCase(s))) return; // FO606
        List<String> allowed = settings.operatorJarSchemes();
        String option = FlinkOptions.JAR_URI_ALLOWED_SCHEMES.current();
        boolean declared = settings.operator() != null && settings.operator().allowedJarSchemes() != null;
        if (!allowed.contains(s)) {
            context.report(Code.SESSION_JAR_SCHEME_NOT_ALLOWED, p.source(), jar.pointer(),
                    "`jarUri` `" + uri + "` of session job `" + p.name() + "` has scheme `" + scheme + "`, but the operator accepts a FlinkSessionJob's jar only with a scheme of its `"
                            + option + "` " + allowed + (declared ? " (as flinkops.yaml declares in `spec.operator.allowedJarSchemes`)" : " (its default; flinkops.yaml declares no `spec.operator.allowedJarSchemes`)")
                            + " (\"jarURI scheme '" + scheme + "' is not in the allowlist " + allowed + ". Configure '" + option + "' to extend the allowlist.\").",
                    "Serve the jar over https, or have the platform team add `" + s + "` to the operator's `" + option
                            + "` and declare the operator's list in flinkops.yaml under `spec.operator.allowedJarSchemes`.");
            return;
        }
        if (!(s.equals("http") || s.equals("https")) || !settings.operatorDisallowsRestrictedJarHosts()) return;
        String host = parsed.getHost();
        if (host == null || host.isEmpty()) return; // FO608
        restriction(host).ifPresent(kind -> context.report(Code.SESSION_JAR_HOST_RESTRICTED, p.source(), jar.pointer(),
                "`jarUri` `" + uri + "` of session job `" + p.name() + "` names host `" + host + "`, " + kind + "; the operator refuses to fetch a FlinkSessionJob's jar from loopback, link-local, private, wildcard or multicast addresses (\"jarURI host '"
                        + host + "' resolves to a restricted address\").",
                "Serve the jar from a host the operator may reach; if it must fetch from this one, have the platform team set `"
                        + FlinkOptions.JAR_URI_DISALLOW_RESTRICTED_HOSTS.current() + ": false` and declare `spec.operator.disallowRestrictedJarHosts: false` in flinkops.yaml."));
    }

    /** What kind of restricted address {@code host} is, when it is written as one; a name is not resolved here. */
    static Optional<String> restriction(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) return Optional.of("a loopback address");
        boolean ipv4 = IPV4.matcher(h).matches() && java.util.Arrays.stream(h.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        boolean ipv6 = h.startsWith("[") && h.endsWith("]") && h.substring(1, h.length() - 1).matches("[0-9a-f:.]+");
        if (!ipv4 && !ipv6) return Optional.empty(); // a name, or not an address: never resolved here
        InetAddress address;
        try {
            address = InetAddress.getByName(h); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        if (address.isLoopbackAddress()) return Optional.of("a loopback address");
        if (address.isLinkLocalAddress()) return Optional.of("a link-local address");
        if (address.isSiteLocalAddress()) return Optional.of("a private (site-local) address");
        if (address.isAnyLocalAddress()) return Optional.of("the wildcard address");
        if (address.isMulticastAddress()) return Optional.of("a multicast address");
        return Optional.empty();
    }
}
