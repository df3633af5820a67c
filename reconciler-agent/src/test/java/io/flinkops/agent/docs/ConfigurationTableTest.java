package io.flinkops.agent.docs;

import io.flinkops.agent.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/agent.md's Configuration table and the agent's options stay in step: every option of {@link Main} has a row, and
 * every row names an option that exists (the table is read by people setting the agent up, and by nothing else).
 */
class ConfigurationTableTest {
    private static final Path DOC = Path.of("..", "docs", "agent.md");

    @Test
    void everyOptionHasARowAndEveryRowAnOption() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## Configuration");
        String section = doc.substring(start, doc.indexOf("\n## ", start + 1));
        // Rows start with `| ` and name options in backticks: `--name`, `--[no-]name`, `--a` / `--b`.
        List<String> documented = section.lines().filter(l -> l.startsWith("| `--"))
                .map(l -> l.substring(0, l.indexOf(" | ", 2)))
                .flatMap(cell -> {
                    Matcher m = Pattern.compile("`--(?:\\[no-])?([a-z0-9-]+)`").matcher(cell);
                    return m.results().map(r -> "--" + r.group(1));
                })
                .sorted().distinct().toList();
        List<String> options = CommandLine.Model.CommandSpec.forAnnotatedObject(Main.class).options().stream()
                .map(OptionSpec::longestName)
                .filter(n -> n.startsWith("--") && !n.equals("--help") && !n.equals("--version"))
                .sorted().distinct().collect(Collectors.toList());
        assertEquals(options, documented, "docs/agent.md, section Configuration: one row per option of the agent");
    }
}
