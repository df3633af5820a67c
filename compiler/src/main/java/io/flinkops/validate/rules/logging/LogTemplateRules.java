package io.flinkops.validate.rules.logging;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.logging.LogConfigurations;
import io.flinkops.logging.LogTemplates;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FO703, FO706, FO707: the log templates, the inline {@code log4j2ConfigurationTemplate}s and the profile files
 * flinkops.yaml declares, compile, name only known variables, filters, functions and tests, keep the properties
 * escaping on, are properties rather than XML, and render with the real variables of every object that uses them
 * (the plan stage renders each once; the render stage copies that outcome) within the budget of work every rendering
 * has (FO707). Problems are reported at their line inside the template: in the YAML block scalar that holds an inline
 * template, or in the profile's own file.
 */
public final class LogTemplateRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.LOG_TEMPLATE_SYNTAX, Code.LOG_TEMPLATE_NOT_PROPERTIES, Code.LOG_TEMPLATE_BUDGET);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        new Run(plan, context).check();
    }

    private static final class Run {
        private final RepoPlan plan;
        private final RuleContext context;
        private final LogConfigurations logs;
        private final TemplatePositions positions;
        /** Render failures by place and message, with the resources that hit them. */
        private final Map<List<Object>, List<String>> renderFailures = new LinkedHashMap<>();

        Run(RepoPlan plan, RuleContext context) {
            this.plan = plan;
            this.context = context;
            this.logs = plan.logConfigurations();
            this.positions = new TemplatePositions(plan.resolved().loaded().source());
        }

        void check() {
            if (plan.resolved().repository().map(Resolved::isTyped).orElse(false)) checkDeclaredProfiles();
            for (LoggingBlock block : LoggingBlock.of(plan)) {
                if (block.logging() != null && block.logging().log4j2ConfigurationTemplate() != null) checkInlineTemplate(block);
                // A job on a session cluster logs with the cluster's configuration; its own is not rendered.
                block.plan().cluster().ifPresent(c -> rendering(block, c.logging()));
            }
            renderFailures.forEach((key, who) -> {
                String message = (String) key.get(3);
                String whom = who.size() == 1 ? who.get(0) : who.get(0) + " and " + (who.size() - 1) + " more";
                context.diagnostics().report((Code) key.get(0), (Location) key.get(1), (FieldPath) key.get(2),
                        message.replaceFirst("\\.$", "") + " (rendering " + whom + ").", (String) key.get(4));
            });
        }

        // ---- the text of the templates

        /** The profile files flinkops.yaml declares (those that cannot be read are FO704). */
        private void checkDeclaredProfiles() {
            for (LoggingProfiles.Profile p : logs.profiles().declared()) {
                if (!p.readable()) continue;
                String file = LoggingProfiles.normalize(p.path());
                String text = p.text().orElseThrow();
                String subject = "Logging profile `" + p.name() + "`";
                if (text.isBlank()) {
                    context.diagnostics().report(Code.LOG_TEMPLATE_SYNTAX, Location.ofFile(file), "",
                            subject + " is empty, so log4j would fall back to its error-only default configuration.",
                            "Write the log4j2 properties template into the file.");
                    continue;
                }
                if (LogTemplates.looksLikeXml(text)) {
                    context.diagnostics().report(Code.LOG_TEMPLATE_NOT_PROPERTIES,
                            TemplatePositions.inFile(file, text, TemplatePositions.firstContentLine(text), "<"), "",
                            subject + " is an XML log4j2 configuration, but Flink reads `log4j-console.properties` as a properties file.",
                            xmlHint());
                }
                for (LogTemplates.Problem problem : logs.analyze(text, subject).problems()) {
                    context.diagnostics().report(Code.LOG_TEMPLATE_SYNTAX, TemplatePositions.inFile(file, text, problem.line(), problem.near()), "",
                            problem.message(), problem.hint());
                }
            }
        }

        private void checkInlineTemplate(LoggingBlock block) {
            FieldPath pointer = block.templatePointer();
            Resolved<?> resource = block.resource();
            if (!(resource.at(pointer) instanceof YScalar scalar)) return;
            String text = scalar.text();
            String subject = "`" + LoggingBlock.TEMPLATE_FIELD + "`";
            if (text.isBlank()) {
                context.report(Code.LOG_TEMPLATE_SYNTAX, resource, pointer, subject + " is empty, so log4j would fall back to its error-only default configuration.",
                        "Remove it to use the logging profile, or write the log4j2 properties template here.");
                return;
            }
            if (LogTemplates.looksLikeXml(text)) {
                TemplatePositions.Placed placed = positions.inScalar(scalar, text,
                        new LogTemplates.Problem(TemplatePositions.firstContentLine(text), "<", "", ""));
                context.diagnostics().report(Code.LOG_TEMPLATE_NOT_PROPERTIES, placed.location(), pointer,
                        subject + " is an XML log4j2 configuration, but Flink reads `log4j-console.properties` as a properties file.",
                        xmlHint());
            }
            for (LogTemplates.Problem problem : logs.analyze(text, subject).problems()) {
                TemplatePositions.Placed placed = positions.inScalar(scalar, text, problem);
                context.diagnostics().report(Code.LOG_TEMPLATE_SYNTAX, placed.location(), pointer, placed.message(problem), problem.hint());
            }
        }

        // ---- rendering: what only shows when a template is rendered with the real variables

        /**
         * How the plan stage's rendering of the log configuration failed, with the variables of the object (the real
         * job id included): a template that fails only with real values (an attribute of a string, output over the
         * size cap, XML or a malformed escape in the output). The failures of many objects at one place are reported
         * once, naming the first object and how many more.
         */
        private void rendering(LoggingBlock block, LogConfigurations.Outcome outcome) {
            if (outcome.ok()) return;
            LogConfigurations.Stage stage = outcome.failure().stage();
            // Missing profiles and problems of the template text are reported by the checks above.
            Code code = switch (stage) {
                case RENDER -> Code.LOG_TEMPLATE_SYNTAX;
                case BUDGET -> Code.LOG_TEMPLATE_BUDGET;
                case OUTPUT -> Code.LOG_TEMPLATE_NOT_PROPERTIES;
                default -> null;
            };
            if (code == null) return;
            LogTemplates.Problem problem = outcome.failure().problem();
            LogConfigurations.Source source = outcome.source();
            Resolved<?> resource = block.resource();
            Location at;
            FieldPath pointer;
            String message = problem.message();
            if (source.kind() == LogConfigurations.Source.Kind.INLINE) {
                pointer = block.templatePointer();
                if (!(resource.at(pointer) instanceof YScalar scalar)) return;
                TemplatePositions.Placed placed = positions.inScalar(scalar, scalar.text(), problem);
                at = placed.location();
                message = placed.message(problem);
            } else if (source.kind() == LogConfigurations.Source.Kind.REPOSITORY_PROFILE && source.path() != null) {
                String text = logs.profiles().get(source.profile()).flatMap(LoggingProfiles.Profile::text).orElse("");
                at = TemplatePositions.inFile(LoggingProfiles.normalize(source.path()), text, problem.line(), problem.near());
                pointer = FieldPath.ROOT;
            } else {
                pointer = block.pointer().child("loggingProfile");
                at = resource.locate(pointer);
            }
            renderFailures.computeIfAbsent(List.of(code, at, pointer, message, problem.hint()), k -> new ArrayList<>())
                    .add(block.plan().kind().resourceKind() + " `" + resource.name() + "`");
        }
    }

    private static String xmlHint() {
        return "Rewrite it in log4j2's properties syntax (e.g. `rootLogger.level = {{ rootLoggerLogLevel }}`, "
                + "`logger.<id>.name = …` and `logger.<id>.level = …`), or remove it and use a logging profile.";
    }
}
