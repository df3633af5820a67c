package io.flinkops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkops.cli.Main;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The ready-to-copy snippets of docs/ci.md and docs/pre-commit.md stay copyable: every YAML block parses, the
 * two pipelines have the steps the page describes, and every flinkops command in a code block is one the CLI
 * accepts (its options parsed by picocli, shell variables standing for values). Commands of subcommands this
 * build lacks are skipped.
 */
class DocsWorkflowsTest {
    static final List<Path> PAGES = List.of(TestRepos.projectRoot().resolve("docs/ci.md"), TestRepos.projectRoot().resolve("docs/pre-commit.md"));
    static final Pattern BLOCK = Pattern.compile("(?ms)^[ ]*```(\\w*)\\n(.*?)^[ ]*```");
    static final Pattern COMMAND = Pattern.compile("(?<!<!-- )\\bflinkops ((?:validate|render|diff|explain|init)\\b[^\\n|>;&]*)");

    record Block(Path page, String language, String text) {
    }

    static List<Block> blocks() throws Exception {
        List<Block> out = new ArrayList<>();
        for (Path page : PAGES) {
            Matcher m = BLOCK.matcher(Files.readString(page));
            while (m.find()) out.add(new Block(page, m.group(1), m.group(2)));
        }
        return out;
    }

    @Test
    void everyYamlBlockParses() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        int n = 0;
        for (Block b : blocks()) {
            if (!b.language().equals("yaml")) continue;
            try {
                yaml.readTree(b.text());
                n++;
            } catch (Exception e) {
                fail(b.page().getFileName() + ": a YAML block does not parse: " + e.getMessage() + "\n" + b.text());
            }
        }
        assertTrue(n >= 5, "YAML blocks found: " + n);
    }

    @Test
    void theGithubWorkflowHasEveryStep() throws Exception {
        JsonNode workflow = yamlBlockContaining("runs-on:");
        JsonNode steps = workflow.get("jobs").get("flinkops").get("steps");
        String all = steps.toString();
        for (String expected : new String[] {"actions/checkout@", "actions/setup-java@", "actions/cache@", "--format github", "--format sarif",
                "github/codeql-action/upload-sarif@", "flinkops render", "actions/upload-artifact@", "--format markdown --fail-on loss",
                "marocchino/sticky-pull-request-comment@"}) {
            assertTrue(all.contains(expected), "the GitHub workflow lacks " + expected);
        }
        for (JsonNode step : steps) {
            if (step.has("uses")) assertTrue(step.get("uses").asText().matches("[\\w.-]+/[\\w./-]+@\\S+"), "pin a version: " + step);
        }
        JsonNode permissions = workflow.get("jobs").get("flinkops").get("permissions");
        assertEquals("write", permissions.get("security-events").asText());
        assertEquals("write", permissions.get("pull-requests").asText());
    }

    @Test
    void theGitlabPipelineHasEveryJob() throws Exception {
        JsonNode pipeline = yamlBlockContaining("before_script:");
        for (String job : new String[] {"validate", "render", "impact"}) {
            assertTrue(pipeline.has(job), "the GitLab pipeline lacks job " + job);
            assertEquals(".flinkops", pipeline.get(job).get("extends").asText());
        }
        assertEquals("gl-code-quality-report.json", pipeline.get("validate").get("artifacts").get("reports").get("codequality").asText());
        assertTrue(pipeline.get("impact").toString().contains("--fail-on loss"));
    }

    @Test
    void everyFlinkopsCommandInACodeBlockParses() throws Exception {
        CommandLine cli = Main.commandLine();
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        int checked = 0;
        for (Block b : blocks()) {
            String text = b.text().replace("\\\n", " ");
            Matcher m = COMMAND.matcher(text);
            while (m.find()) {
                List<String> args = words(m.group(1));
                if (!cli.getSubcommands().containsKey(args.get(0))) continue;
                try {
                    Main.commandLine().setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));
                    checked++;
                } catch (CommandLine.ParameterException e) {
                    fail(b.page().getFileName() + ": `flinkops " + m.group(1).strip() + "` does not parse: " + e.getMessage());
                }
            }
        }
        assertTrue(checked >= 8, "commands checked: " + checked);
    }

    private static JsonNode yamlBlockContaining(String text) throws Exception {
        List<Block> found = blocks().stream().filter(b -> b.language().equals("yaml") && b.text().contains(text)).toList();
        assertEquals(1, found.size(), "one YAML block contains " + text);
        return new ObjectMapper(new YAMLFactory()).readTree(found.get(0).text());
    }

    /** Shell words, with quotes removed; a word with a shell variable stands for a value ("x"). */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(command.strip());
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (w.startsWith("#")) break;
            out.add(w.contains("$") ? "x" : w);
        }
        assertFalse(out.isEmpty());
        return out;
    }
}
