package io.flinkops.operatorchecks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One check of the operator's admission validator (operator 1.15.0: {@code DefaultValidator}, and the
 * {@code AutoscalerValidator} it runs), as a case of the parity suite: {@code parity/<check>/case.yaml} with the
 * VVP inputs that would make flinkops emit what the check refuses (see parity/README.md).
 *
 * @param check    the case's id, its directory's name
 * @param row      the row of the operator reference (rows 1–30, S1–S8) the check is
 * @param operator where the operator checks it (class and method of release 1.15.0)
 * @param messages the operator's message(s), verbatim; {@code <…>} marks a part filled in
 * @param since    the first operator release with the check; "1.7" means every release flinkops targets
 * @param tests    the operator's tests that show the check (class.method of release 1.15.0)
 * @param verdict  what flinkops makes of it
 * @param summary  how flinkops catches it, or why it cannot emit what the check refuses
 * @param routes   the VVP inputs, each with what flinkops reports and the proof
 */
record ParityCase(String check, String row, String operator, List<String> messages, String since, List<String> tests,
                  Verdict verdict, String summary, List<Route> routes) {

    static final Path ROOT = projectRoot().resolve("operator-checks/src/test/resources/parity");
    static final Path BASE = ROOT.resolve("_base");

    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What flinkops makes of an operator check. */
    enum Verdict {
        /** flinkops reports the VVP input at the file and line where the offending value is written. */
        @JsonProperty("caught") CAUGHT("caught"),
        /** A VVP input could ask for it, but what flinkops renders never has it. */
        @JsonProperty("impossible") IMPOSSIBLE("impossible by construction"),
        /** No VVP input can lead to it: the VVP model has nothing that maps to what the check reads. */
        @JsonProperty("not-expressible") NOT_EXPRESSIBLE("not expressible"),
        /** A VVP input can lead to it, and flinkops does not report it (the reason says why). */
        @JsonProperty("unchecked") UNCHECKED("not checked");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * A VVP input: {@code input} laid over the base repository (an empty {@code X.delete} removes X). With
     * {@code base}, an update: the base repository with {@code base} laid over it is the previous revision, and
     * {@code input} is laid over that for the next one; {@code flinkops diff} compares them.
     *
     * @param expect what flinkops reports, exactly: {@code "FO507 namespaces/team/job.yaml:19"} per diagnostic
     *               ({@code flinkops validate}, or for an update {@code flinkops diff})
     */
    record Route(String name, String input, String base, List<String> expect, Proof proof) {
        List<String> expectOrEmpty() {
            return expect == null ? List.of() : expect;
        }
    }

    /**
     * How the route shows what the operator does: the object flinkops emits (or, for a caught route, would emit
     * were its diagnostics ignored: rendered best effort) is judged by the operator's admission validator.
     *
     * @param object         {@code Kind/name} of the emitted object to judge
     * @param clusterWithJob for a FlinkSessionJob with two FlinkDeployments of its {@code deploymentName}: judge it
     *                       with the one that has a job
     * @param rejected       the start of the expected refusal; default: the case's first message
     * @param by             which part of the harness refuses it: {@code validator} (operator 1.7.0's) or
     *                       {@code emulated} (a 1.15 check 1.7.0 lacks, emulated in {@link OperatorAdmission})
     * @param admitted       the object is admitted (impossible, not expressible)
     * @param absent         JSON pointers the emitted object does not have
     * @param present        JSON pointers it has
     * @param only           JSON pointer → the only keys the object there has
     * @param baseSet        for an update: JSON pointer → value set in the previous object before it is recorded as
     *                       last reconciled (what the operator records that flinkops does not render)
     * @param none           why no object can be judged (e.g. the schema refuses the input, so nothing is rendered)
     * @param noKind         the input renders no object of this kind, and flinkops emits no such kind at all
     * @param handBuilt      why the input renders nothing to judge even when its diagnostics are ignored: the object
     *                       judged is then {@code object} as the base repository renders it, with {@code remove}
     * @param remove         JSON pointers removed from the object before it is judged (with {@code handBuilt})
     */
    record Proof(String object, Boolean clusterWithJob, String rejected, String by, Boolean admitted, List<String> absent,
                 List<String> present, Map<String, List<String>> only, Map<String, String> baseSet, String none, String noKind,
                 String handBuilt, List<String> remove) {
        String kind() {
            return object.substring(0, object.indexOf('/'));
        }

        String name() {
            return object.substring(object.indexOf('/') + 1);
        }
    }

    Path dir() {
        return ROOT.resolve(check);
    }

    /** Every case, by directory name. */
    static List<ParityCase> all() {
        List<ParityCase> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("_")).sorted().toList()) {
                cases.add(YAML.readValue(dir.resolve("case.yaml").toFile(), ParityCase.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static Path projectRoot() {
        String root = System.getProperty("flinkops.projectRoot");
        return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
    }
}
