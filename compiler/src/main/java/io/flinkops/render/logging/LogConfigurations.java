package io.flinkops.render.logging;

import io.flinkops.model.Logging;
import io.flinkops.resolve.ResolvedRepo;

/**
 * Renders {@code logConfiguration["log4j-console.properties"]}: the user's {@code log4j2ConfigurationTemplate},
 * else the named logging profile (built in or declared in flinkops.yaml), else {@code default}.
 */
public final class LogConfigurations {
    public static final String KEY = "log4j-console.properties";

    private LogConfigurations() {
    }

    public static String render(ResolvedRepo repo, Logging logging, LogVariables variables) {
        return ""; // filled in by the logging work (issue 3, in progress)
    }
}
