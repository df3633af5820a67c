package io.flinkops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout ({@code ts}, {@code level}, {@code msg} and fields).
 * Callers pass messages that are already free of credentials (the git package redacts its own).
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    private final PrintStream out;
    private final Clock clock;

    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void info(String msg, Object... keyValues) {
        log("info", msg, keyValues);
    }

    public void warn(String msg, Object... keyValues) {
        log("warn", msg, keyValues);
    }

    public void error(String msg, Object... keyValues) {
        log("error", msg, keyValues);
    }

    public synchronized void log(String level, String msg, Object... keyValues) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", clock.instant().toString());
        line.put("level", level);
        line.put("msg", msg);
        for (int i = 0; i + 1 < keyValues.length; i += 2) line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (Exception e) {
            out.println("{\"level\":\"error\",\"msg\":\"cannot write a log line\"}");
        }
        out.flush();
    }
}
