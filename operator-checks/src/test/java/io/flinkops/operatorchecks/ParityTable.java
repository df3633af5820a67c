package io.flinkops.operatorchecks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary of the parity suite in docs/operator-compatibility.md, generated from the cases. */
final class ParityTable {
    /** The comment that opens the generated section. */
    static final String GENERATED_START = "<!-- generated from the parity suite (operator-checks/src/test/resources/parity/*/case.yaml)";
    /** The comment that closes it. */
    static final String GENERATED_END = "<!-- end of generated parity summary -->";

    private static final Pattern ROW = Pattern.compile("(S?)(\\d+)([a-z]?)");
    private static final Pattern CODE = Pattern.compile("FO\\d{3}");
    private static final int MESSAGE_LENGTH = 90;

    private ParityTable() {
    }

    /** The generated section, markers included, ending with a newline. */
    static String markdown(List<ParityCase> cases) {
        List<ParityCase> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparing((ParityCase c) -> rowKey(c.row())).thenComparing(ParityCase::check));
        Map<ParityCase.Verdict, Integer> counts = new EnumMap<>(ParityCase.Verdict.class);
        for (ParityCase.Verdict v : ParityCase.Verdict.values()) counts.put(v, 0);
        sorted.forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        int routes = sorted.stream().mapToInt(c -> c.routes().size()).sum();

        StringBuilder b = new StringBuilder();
        b.append(GENERATED_START).append(" by ParityDocTest: do not edit;\n")
                .append("     regenerate with mvn -pl operator-checks -am test -Dtest=ParityDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dflinkops.updateGolden=true -->\n\n");
        b.append("**").append(sorted.size()).append(" checks** of operator 1.15.0's admission validator, ").append(routes)
                .append(" VVP inputs: **").append(counts.get(ParityCase.Verdict.CAUGHT)).append(" caught**, **")
                .append(counts.get(ParityCase.Verdict.IMPOSSIBLE)).append(" impossible by construction**, **")
                .append(counts.get(ParityCase.Verdict.NOT_EXPRESSIBLE)).append(" not expressible**, **")
                .append(counts.get(ParityCase.Verdict.UNCHECKED)).append(" not checked**.\n\n");
        b.append("*since*: the first operator release with the check (all: 1.7, the oldest release flinkops targets). *proof*: who refuses\n")
                .append("the object flinkops would emit without its diagnostics (operator 1.7.0's validator, or a 1.15 check emulated on top of it),\n")
                .append("or what shows that flinkops never emits what the check refuses.\n\n");
        b.append("| row | check | operator message | since | verdict | flinkops | proof |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (ParityCase c : sorted) {
            b.append("| ").append(c.row())
                    .append(" | [").append(c.check()).append("](../operator-checks/src/test/resources/parity/").append(c.check()).append("/case.yaml)")
                    .append(" | ").append(messages(c.messages()))
                    .append(" | ").append(c.since().equals("1.7") ? "all" : "≥ " + c.since())
                    .append(" | ").append(c.verdict() == ParityCase.Verdict.CAUGHT ? "**caught**" : c.verdict().label())
                    .append(" | ").append(linkCodes(c.summary()))
                    .append(" | ").append(proofs(c))
                    .append(" |\n");
        }
        b.append('\n').append(GENERATED_END).append('\n');
        return b.toString();
    }

    /** "1" < "13a" < "13b" < "S1" < "—". */
    private static String rowKey(String row) {
        Matcher m = ROW.matcher(row);
        if (!m.lookingAt()) return "9";
        return (m.group(1).isEmpty() ? "0" : "1") + String.format("%03d", Integer.parseInt(m.group(2))) + m.group(3);
    }

    private static String messages(List<String> messages) {
        List<String> shown = new ArrayList<>();
        for (String m : messages) shown.add("\"" + cell(m.length() > MESSAGE_LENGTH ? m.substring(0, MESSAGE_LENGTH).stripTrailing() + "…" : m) + "\"");
        return String.join("<br>", shown);
    }

    /** FO codes as links into rules.md. */
    private static String linkCodes(String text) {
        Matcher m = CODE.matcher(cell(text));
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, "[" + m.group() + "](rules.md#" + m.group().toLowerCase() + ")");
        m.appendTail(out);
        return out.toString();
    }

    /** How the routes show it, each kind once: who refuses the object, or what shows it is never emitted. */
    private static String proofs(ParityCase c) {
        Set<String> kinds = new LinkedHashSet<>();
        for (ParityCase.Route r : c.routes()) {
            ParityCase.Proof p = r.proof();
            String update = r.base() != null ? " (update)" : "";
            if (p.none() != null) kinds.add(c.verdict() == ParityCase.Verdict.UNCHECKED ? "none" : "not rendered");
            else if (p.noKind() != null) kinds.add("no " + p.noKind() + " emitted");
            else if (Boolean.TRUE.equals(p.admitted())) kinds.add("admitted as rendered");
            else if (p.handBuilt() != null) kinds.add(("emulated".equals(p.by()) ? "emulated 1.15 check" : "1.7.0 validator") + ", hand-built object");
            else kinds.add(("emulated".equals(p.by()) ? "emulated 1.15 check" : "1.7.0 validator") + update);
        }
        return String.join("; ", kinds);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** The FO codes a case expects, for checks on the suite. */
    static Set<String> codes(ParityCase c) {
        Set<String> codes = new TreeSet<>();
        for (ParityCase.Route r : c.routes()) r.expectOrEmpty().forEach(e -> codes.add(e.substring(0, e.indexOf(' '))));
        return codes;
    }
}
