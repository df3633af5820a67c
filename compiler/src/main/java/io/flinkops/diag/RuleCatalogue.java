package io.flinkops.diag;

/** Renders the rule catalogue (docs/rules.md) from {@link Code} and catalogue.properties. */
public final class RuleCatalogue {
    private RuleCatalogue() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Rule catalogue\n\n");
        out.append("<!-- Generated from compiler/src/main/resources/io/flinkops/diag/catalogue.properties by RuleCatalogue;\n");
        out.append("     RuleCatalogueTest fails when this file and the code drift apart. Regenerate with\n");
        out.append("     mvn -pl compiler test -Dtest=RuleCatalogueTest -Dflinkops.updateGolden=true -->\n\n");
        out.append("Every diagnostic flinkops reports has a stable code. Errors make `flinkops validate` exit 1;\n");
        out.append("warnings are reported but do not fail validation.\n\n");
        out.append("## Suppressing findings\n\n");
        out.append("A warning that is right for one place can be suppressed there, with a reason, by a comment on its line or alone on\n");
        out.append("the line above (several codes: `FO402, FO408`):\n\n");
        out.append("```yaml\n      flinkConfiguration:\n");
        out.append("        custom.connector.endpoint: https://kafka.example  # flinkops:ignore FO402 -- read by our connector, not by Flink\n");
        out.append("        # flinkops:ignore FO402 -- read by our connector too\n        custom.connector.retries: \"3\"\n```\n\n");
        out.append("A rule can be set for the whole repo in flinkops.yaml: `off` (its warnings are suppressed) or `error` (they fail\n");
        out.append("validation), with a reason:\n\n");
        out.append("```yaml\nspec:\n  rules:\n    FO402:\n      severity: error\n      reason: Unknown keys are typos more often than not here.\n```\n\n");
        out.append("Suppressed findings are not shown in text, `short`, GitHub and GitLab output and do not count, but they stay in the\n");
        out.append("JSON (`\"suppressed\": {\"kind\", \"reason\", \"file\", \"line\"}`, and `summary.suppressed`) and in SARIF (`suppressions`\n");
        out.append("with kind `inSource` or `external` and the reason as justification): never silently dropped. Errors cannot be\n");
        out.append("suppressed or lowered (their output would be wrong, refused by the operator, or cross a fence between teams); a\n");
        out.append("suppression without a reason, naming an unknown code, or aimed at an error is itself an error ([FO019](#fo019)).\n\n");
        out.append("| code | name | severity | title |\n|---|---|---|---|\n");
        for (Code c : Code.values()) {
            out.append("| [").append(c.id()).append("](#").append(c.id().toLowerCase(java.util.Locale.ROOT)).append(") | `")
                    .append(c.slug()).append("` | ").append(c.severity().label()).append(" | ").append(c.title()).append(" |\n");
        }
        String group = "";
        for (Code c : Code.values()) {
            String g = c.id().substring(0, 3);
            if (!g.equals(group)) {
                group = g;
                out.append("\n## ").append(groupTitle(g)).append("\n");
            }
            out.append("\n### ").append(c.id()).append("\n\n");
            out.append("**").append(c.title()).append("** (`").append(c.slug()).append("`, ").append(c.severity().label()).append(")\n\n");
            out.append("- **Checks:** ").append(c.checks()).append('\n');
            out.append("- **Why:** ").append(c.why()).append('\n');
            out.append("- **Fix:** ").append(c.fix()).append('\n');
        }
        return out.toString();
    }

    private static String groupTitle(String prefix) {
        return switch (prefix) {
            case "FO0" -> "FO0xx: files and YAML";
            case "FO1" -> "FO1xx: schema";
            case "FO2" -> "FO2xx: names and references";
            case "FO3" -> "FO3xx: upgrade, restore and high availability";
            case "FO4" -> "FO4xx: Flink configuration and secrets";
            case "FO5" -> "FO5xx: resources and parallelism";
            case "FO6" -> "FO6xx: Flink versions, images and artifacts";
            case "FO7" -> "FO7xx: logging";
            case "FO8" -> "FO8xx: pods and pod templates";
            case "FO9" -> "FO9xx: rendering";
            default -> prefix;
        };
    }
}
