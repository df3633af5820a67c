package io.flinkops.validate.rules;

import io.flinkops.Compiler;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * FO505 is driven by the declarations in {@link FlinkOptions}: every option declared with a value kind is checked,
 * under every one of its names, so a new check of an option's value is a declaration in the flinkconfig package.
 */
class ConfigValueRulesTest {
    private static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");

    @TempDir
    Path tmp;

    @Test
    void everyDeclaredOptionIsCheckedUnderEveryName() throws Exception {
        assertFalse(FlinkOptions.CHECKED.isEmpty());
        for (FlinkOption option : FlinkOptions.CHECKED) {
            for (String name : option.names()) {
                Path repo = tmp.resolve(name);
                TestRepos.materialize(BASE, null, repo);
                Path job = repo.resolve("namespaces/team/job.yaml");
                Files.writeString(job, Files.readString(job) + "      flinkConfiguration:\n        " + name + ": \"not-a-value\"\n");
                List<Diagnostic> found = new Compiler().compile(Sources.workingTree(repo)).diagnostics().sorted().stream()
                        .filter(d -> d.code() == Code.INVALID_CONFIG_VALUE).toList();
                assertEquals(1, found.size(), name + ": " + found);
                assertEquals(DeploymentSpec.TEMPLATE.configKey(name).pointer(), found.get(0).pointer());
                assertEquals(option.invalidHint(), found.get(0).hint());
            }
        }
    }

    @Test
    void valuesFilledInLaterAreNotJudged() {
        for (FlinkOption option : FlinkOptions.CHECKED) {
            assertEquals(true, option.accepts("${SLOTS}"), option.current());
            assertEquals(true, option.accepts("{{ deploymentName }}"), option.current());
        }
    }
}
