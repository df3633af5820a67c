package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.model.FlinkVersions;
import io.flinkops.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionCommandTest {

    @Test
    void textNamesEveryOperatorReleaseWithItsFlinkVersions() {
        CliRun run = CliRun.of("version");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("flinkops " + Version.get() + "\n"), run.out());
        for (String operator : FlinkVersions.NEWEST_BY_OPERATOR.keySet()) {
            List<String> flink = FlinkVersions.supported(operator);
            assertTrue(run.out().matches("(?s).*\\n  " + java.util.regex.Pattern.quote(operator) + " +Flink "
                    + java.util.regex.Pattern.quote(flink.get(0) + " … " + flink.get(flink.size() - 1)) + "\\n.*"), operator + " in:\n" + run.out());
        }
        assertTrue(run.out().contains("default 1.15"), run.out());
        assertTrue(run.out().contains("Flink configuration options known for Flink 1.15,"), run.out());
    }

    @Test
    void jsonIsTheSameFacts() throws Exception {
        CliRun run = CliRun.of("version", "--format", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(Version.get(), root.get("version").asText());
        List<String> operators = new ArrayList<>();
        root.get("operators").fieldNames().forEachRemaining(operators::add);
        assertEquals(List.copyOf(FlinkVersions.NEWEST_BY_OPERATOR.keySet()), operators);
        assertEquals("2.2", root.get("operators").get("1.15").get(root.get("operators").get("1.15").size() - 1).asText());
        assertTrue(root.get("flinkConfigurationOptions").size() >= 9);
    }
}
