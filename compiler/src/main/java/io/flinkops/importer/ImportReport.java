package io.flinkops.importer;

import io.flinkops.diag.Diagnostic;
import io.flinkops.flinkconfig.SecretKeys;
import io.flinkops.flinkconfig.SecretReferences;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code flinkops import} did, for people: what was imported where, what was skipped, which settings were lifted
 * into defaults, every field without a VVP equivalent and where it went, the settings of a new flinkops.yaml, the
 * round trip and the validation of the result. The text is deterministic: the same inputs give the same bytes.
 *
 * @param out            the config repo, as the user named it
 * @param existing       whether the import adds to an existing config repo
 * @param imported       the documents written, in input order
 * @param skipped        input documents of other kinds
 * @param lifted         settings lifted into namespace defaults
 * @param findings       fields that could not be imported as they were
 * @param secrets        the Kubernetes Secrets to create for literal secrets turned into references (one line each)
 * @param pinned         values of the existing repo's defaults that imported Deployments set to null, so that they do not
 *                       inherit them (one line per Deployment)
 * @param repository     how a new flinkops.yaml was written (one line each), empty when the repo existed
 * @param roundTrip      the round trip of every operator manifest
 * @param validation     what validating the imported repo found
 * @param validationText the same, as {@code flinkops validate} prints it
 */
public record ImportReport(String out, boolean existing, List<Imported> imported, List<Skipped> skipped, List<LiftedDefaults> lifted,
                           List<Finding> findings, List<String> secrets, List<String> pinned, List<String> repository, List<RoundTrip.Result> roundTrip, List<Diagnostic> validation,
                           String validationText) {

    /** An input document and the repo file it went to ({@code origin} null for a document the import created). */
    public record Imported(Origin origin, String kind, String namespace, String name, String path, String note) {
    }

    public record Skipped(Origin origin, String reason) {
    }

    /** Settings lifted into {@code path}, the defaults of namespace {@code namespace}. */
    public record LiftedDefaults(String namespace, String path, int deployments, List<String> settings) {
    }

    public ImportReport {
        imported = List.copyOf(imported);
        skipped = List.copyOf(skipped);
        lifted = List.copyOf(lifted);
        findings = List.copyOf(findings);
        secrets = List.copyOf(secrets);
        pinned = List.copyOf(pinned);
        repository = List.copyOf(repository);
        roundTrip = List.copyOf(roundTrip);
        validation = List.copyOf(validation);
    }

    public long validationErrors() {
        return validation.stream().filter(Diagnostic::isError).count();
    }

    /** Differences no finding explains: a gap of the import, which the report lists as such. */
    public long unexplainedDifferences() {
        return roundTrip.stream().mapToLong(r -> r.differences().stream().filter(d -> !d.explained()).count()).sum();
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        long documents = imported.stream().filter(i -> i.origin() != null).count();
        s.append("Import into ").append(out).append(existing ? " (an existing config repo)" : " (a new config repo)").append(": ")
                .append(plural(documents, "document")).append(" imported, ").append(skipped.size()).append(" skipped.\n");

        s.append("\nImported:\n");
        for (Imported i : imported) {
            String from = i.origin() == null ? "(new)" : i.origin().place() + "  " + i.origin().describe();
            s.append("  ").append(from).append("\n    -> ").append(i.path()).append("  ").append(i.kind()).append(' ')
                    .append(i.name().isEmpty() ? "" : i.name()).append(i.note().isEmpty() ? "" : "  (" + i.note() + ")").append('\n');
        }
        if (!skipped.isEmpty()) {
            s.append("\nSkipped:\n");
            for (Skipped k : skipped) s.append("  ").append(k.origin().place()).append("  ").append(k.origin().describe()).append(": ").append(k.reason()).append('\n');
        }
        for (LiftedDefaults l : lifted) {
            s.append("\nLifted into ").append(l.path()).append(" (the same in all ").append(l.deployments()).append(" Deployments of namespace ")
                    .append(l.namespace()).append("):\n");
            l.settings().forEach(x -> s.append("  ").append(x).append('\n'));
        }

        List<Finding> fields = findings.stream().filter(f -> f.outcome() != Finding.Outcome.SYSTEM).toList();
        s.append("\nFields without a VVP equivalent, or written differently:");
        if (fields.isEmpty()) s.append(" none.\n");
        else s.append('\n');
        for (Finding f : fields) {
            s.append("  ").append(f.place()).append("  ").append(f.origin().describe()).append(": ").append(f.field()).append(" — ")
                    .append(f.outcome().label()).append(". ").append(f.detail()).append('\n');
        }
        Map<Origin, List<String>> system = new LinkedHashMap<>();
        findings.stream().filter(f -> f.outcome() == Finding.Outcome.SYSTEM)
                .forEach(f -> system.computeIfAbsent(f.origin(), o -> new ArrayList<>()).add(f.field()));
        if (!system.isEmpty()) {
            s.append("\nSystem-owned fields dropped (VVP, Kubernetes or flinkops fill them in):\n");
            system.forEach((o, list) -> s.append("  ").append(o.place()).append("  ").append(o.describe()).append(": ")
                    .append(String.join(", ", list)).append('\n'));
        }
        if (!pinned.isEmpty()) {
            s.append("\nInherited defaults removed with `null` (the manifests do not set them; the repo's defaults would):\n");
            pinned.forEach(x -> s.append("  ").append(x).append('\n'));
        }
        if (!secrets.isEmpty()) {
            s.append("\nKubernetes Secrets to create (with the values of the input; they are not in the repo, nor in this report):\n");
            secrets.forEach(x -> s.append("  ").append(x).append('\n'));
        }
        if (!repository.isEmpty()) {
            s.append("\nflinkops.yaml (new):\n");
            repository.forEach(r -> s.append("  ").append(r).append('\n'));
        }

        if (!roundTrip.isEmpty()) {
            s.append("\nRound trip (the imported repo rendered, compared with the input manifests on the fields the operator acts on):\n");
            for (RoundTrip.Result r : roundTrip) {
                s.append("  ").append(r.origin().place()).append("  ").append(r.origin().describe()).append(": ");
                if (!r.rendered()) {
                    s.append("not rendered (see the validation below)\n");
                    continue;
                }
                if (r.differences().isEmpty()) {
                    s.append("identical\n");
                    continue;
                }
                s.append(plural(r.differences().size(), "difference")).append('\n');
                List<RoundTrip.Difference> list = r.differences();
                for (int i = 0; i < list.size(); ) {
                    RoundTrip.Difference d = list.get(i);
                    // Many fields of one pod template explained by one finding (what flinkops adds for secrets): one line.
                    String group = podTemplate(d.path());
                    int j = i + 1;
                    while (group != null && j < list.size() && group.equals(podTemplate(list.get(j).path())) && list.get(j).explainedBy() == d.explainedBy()) j++;
                    if (j - i > 3) {
                        s.append("    ").append(group).append(": ").append(j - i).append(" fields differ, e.g. ").append(d.path().substring(group.length()))
                                .append(": ").append(value(d.input())).append(" -> ").append(value(d.rendered()));
                    } else {
                        j = i + 1;
                        boolean secret = secret(d.path());
                        s.append("    ").append(d.path()).append(": ").append(secret ? masked(d.input()) : value(d.input())).append(" -> ")
                                .append(secret ? masked(d.rendered()) : value(d.rendered()));
                    }
                    if (d.explained()) s.append("  [").append(d.explainedBy().outcome().label()).append(": ").append(d.explainedBy().field()).append(" above]");
                    else s.append("  [UNEXPLAINED]");
                    s.append('\n');
                    i = j;
                }
            }
            long identical = roundTrip.stream().filter(RoundTrip.Result::identical).count();
            long explained = roundTrip.stream().filter(r -> !r.identical() && r.fullyExplained()).count();
            long notRendered = roundTrip.stream().filter(r -> !r.rendered()).count();
            s.append("  ").append(plural(roundTrip.size(), "manifest")).append(": ").append(identical).append(" identical, ")
                    .append(explained).append(" with explained differences only, ")
                    .append(plural(unexplainedDifferences(), "unexplained difference"))
                    .append(notRendered > 0 ? ", " + notRendered + " not rendered" : "").append(".\n");
        }

        s.append("\nValidation of the imported repo (flinkops validate ").append(out).append("):\n");
        validationText.lines().forEach(l -> s.append(l.isEmpty() ? "" : "  " + l).append('\n'));
        return s.toString();
    }

    /** {@code spec.jobManager.podTemplate} for a field below a role's pod template, else null. */
    private static String podTemplate(String path) {
        for (String role : List.of("spec.jobManager.podTemplate", "spec.taskManager.podTemplate")) {
            if (path.startsWith(role + ".")) return role;
        }
        return null;
    }

    /** A configuration key that holds a secret ({@code s3.access-key}): its literal values are not shown. */
    private static boolean secret(String path) {
        String prefix = "spec.flinkConfiguration[\"";
        return path.startsWith(prefix) && SecretKeys.isSecretKey(path.substring(prefix.length(), path.length() - 2));
    }

    private static String masked(String v) {
        return v == null || SecretReferences.onlyReferences(v) ? value(v) : "(a literal value, not shown)";
    }

    private static String value(String v) {
        if (v == null) return "(absent)";
        String shown = v.length() > 120 ? v.substring(0, 117) + "..." : v;
        return "`" + shown.replace("\n", "\\n") + "`";
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
