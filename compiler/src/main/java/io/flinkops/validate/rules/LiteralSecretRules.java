package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.SecretKeys;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.flinkconfig.SecretShapes;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ShellWords;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FO405: no literal secret in anything flinkops passes on to the pods or writes into the manifests. A value is one
 * when the name it is written under says it holds a secret ({@link SecretKeys}: a Flink key, an environment variable,
 * a program option such as {@code --password}) and it is not made of references only, or when it has the shape of a
 * credential whatever its name ({@link SecretShapes}: cloud keys, private keys, tokens, URLs with a password).
 *
 * <p>Every Deployment, SessionCluster and defaults file is read as written, like the other checks of a value alone,
 * so a secret in a defaults file is reported once, there, even if nothing uses it. References are the way out, and
 * the hint names the one that works where the value is: {@code ${NAME}} in {@code flinkConfiguration} (with the
 * secret declared in the Namespace), {@code valueFrom.secretKeyRef} and {@code $(NAME)} in a container. Artifact URIs
 * are FO607's ({@link ArtifactUriRules}).
 */
public final class LiteralSecretRules implements Rule {

    /** Artifact fields that hold URIs, whose credentials FO607 reports. */
    private static final Set<String> ARTIFACT_URIS = Set.of("jarUri", "additionalDependencies", "pythonArtifactUri",
            "additionalPythonArchives", "additionalPythonLibraries");
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");
    private static final Set<String> TEMPLATES = Set.of(PodTemplates.JOB_MANAGER_TEMPLATE, PodTemplates.TASK_MANAGER_TEMPLATE);
    /** Kubernetes' own references in a container's env and arguments: {@code $(NAME)}, filled in from its environment. */
    /** The name in {@code --name=value}, {@code -Dname=value}, {@code name=value}; a URL's query is no option. */
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern ONLY_KUBERNETES_REFERENCES = Pattern.compile("(\\s*\\$\\([A-Za-z_][A-Za-z0-9_.-]*\\)\\s*)+");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.LITERAL_SECRET);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ConfigBlock block : ConfigBlock.of(plan.resolved())) {
            String declare = block.namespace().isEmpty()
                    ? "declare it under `secrets` in the Namespace of each team (namespaces/<namespace>/namespace.yaml)"
                    : "declare it under `secrets` in namespaces/" + block.namespace() + "/namespace.yaml";
            // flinkConfiguration sits right below the fields a Deployment's template and a SessionCluster share
            Written written = new Written(block.pointer().parent(), declare, context);
            for (LocatedSetting s : block.configuration().settings()) {
                for (Literal l : literals("`" + s.key() + "`", s.key(), s.value())) {
                    written.report(s.location(), s.pointer(), l, "Store it in a Kubernetes Secret, " + declare + " and " + l.write() + ".");
                }
            }
            if (block.document().at(written.base()) instanceof YMap fields) written.walk(fields, written.base());
        }
    }

    /**
     * A literal secret.
     *
     * @param message what it is, with its subject: "`s3.secret-key` holds a literal value"
     * @param write   how a reference replaces it in {@code flinkConfiguration}: "write `${S3_SECRET_KEY}`"
     */
    private record Literal(String message, String write) {
    }

    /**
     * The literal secrets of a value written under {@code name} (null when no name goes with it): one per secret
     * option of a JAAS configuration, else at most one.
     */
    private static List<Literal> literals(String subject, String name, String value) {
        if (value.isBlank() || SecretReferences.onlyReferences(value)) return List.of();
        if (name != null && SecretKeys.isJaasConfig(name)) {
            List<String> options = SecretKeys.literalJaasSecrets(value);
            if (!options.isEmpty()) {
                return options.stream()
                        .map(o -> new Literal(subject + " has a literal `" + o + "`", "write `" + o + "=\"${NAME}\"` with that secret's name"))
                        .toList();
            }
        } else if (name != null && SecretKeys.isSecretKey(name)) {
            return List.of(new Literal(subject + " holds a literal value", "write `${" + SecretKeys.referenceName(name) + "}`"));
        }
        return SecretShapes.find(value, name)
                .map(found -> List.of(new Literal(subject + " holds " + found.what(), "write `${NAME}` in its place")))
                .orElse(List.of());
    }

    /** The fields of one document as written, below {@code base}, and how to say where its secrets go. */
    private record Written(FieldPath base, String declare, RuleContext context) {

        void report(Location at, FieldPath pointer, Literal literal, String hint) {
            context.diagnostics().report(Code.LITERAL_SECRET, at, pointer, literal.message() + "; a secret must not be written into Git.", hint);
        }

        void walk(YNode node, FieldPath at) {
            List<String> t = at.relativeTo(base).tokens();
            if (node instanceof YScalar s) {
                if (!s.isString()) return;
                if (t.equals(List.of("artifact", "mainArgs"))) mainArgs(s, at);
                else other(s, at);
            } else if (node instanceof YSeq seq) {
                if (isEnvList(t)) {
                    envVars(seq, at);
                } else if (isContainerArguments(t)) {
                    containerArguments(seq, at);
                } else {
                    for (int i = 0; i < seq.items().size(); i++) walk(seq.items().get(i), at.index(i));
                }
            } else if (node instanceof YMap map) {
                for (YMap.Entry e : map.entries().values()) {
                    if (t.isEmpty() && e.key().equals("flinkConfiguration")) continue; // read as settings, above
                    if (t.equals(List.of("artifact")) && ARTIFACT_URIS.contains(e.key())) continue; // FO607
                    walk(e.value(), at.child(e.key()));
                }
            }
        }

        /** {@code kubernetes.pods.envVars}, or the {@code env} of a container of a pod template. */
        private static boolean isEnvList(List<String> t) {
            return t.equals(List.of("kubernetes", "pods", "envVars")) || (inContainer(t) && t.get(5).equals("env"));
        }

        private static boolean isContainerArguments(List<String> t) {
            return inContainer(t) && (t.get(5).equals("command") || t.get(5).equals("args"));
        }

        /** {@code kubernetes.<template>.spec.<containers>[i].<field>}. */
        private static boolean inContainer(List<String> t) {
            return t.size() == 6 && t.get(0).equals("kubernetes") && TEMPLATES.contains(t.get(1)) && t.get(2).equals("spec")
                    && CONTAINER_LISTS.contains(t.get(3));
        }

        private void envVars(YSeq vars, FieldPath at) {
            for (int i = 0; i < vars.items().size(); i++) {
                FieldPath var = at.index(i);
                if (!(vars.items().get(i) instanceof YMap entry)) continue;
                for (YMap.Entry e : entry.entries().values()) {
                    if (!e.key().equals("value")) {
                        walk(e.value(), var.child(e.key()));
                        continue;
                    }
                    if (!(e.value() instanceof YScalar value) || !value.isString()) continue;
                    if (ONLY_KUBERNETES_REFERENCES.matcher(value.text()).matches()) continue;
                    String name = entry.text("name").orElse(null);
                    String subject = name == null ? "`" + display(var.child("value")) + "`" : "Environment variable `" + name + "`";
                    for (Literal l : literals(subject, name, value.text())) {
                        report(value.location(), var.child("value"), l,
                                "Store it in a Kubernetes Secret and set the variable with `valueFrom.secretKeyRef` instead of `value` "
                                        + "(or set another variable that way and write `$(NAME)` in its place).");
                    }
                }
            }
        }

        private void mainArgs(YScalar args, FieldPath at) {
            List<Argument> words = new ArrayList<>();
            for (String word : words(args.text())) words.add(new Argument(word, args, at));
            arguments(words, "`mainArgs`", "Store it in a Kubernetes Secret, " + declare + " and pass it in `flinkConfiguration` instead of `mainArgs` "
                    + "(e.g. `pipeline.global-job-parameters.<name>: ${NAME}`, read from the job's configuration), or read it in the job "
                    + "from an environment variable set with `valueFrom.secretKeyRef`.");
        }

        private void containerArguments(YSeq list, FieldPath at) {
            List<Argument> words = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                if (!(list.items().get(i) instanceof YScalar item) || !item.isString()) continue;
                // `sh -c "tool --password=…"`: the words of a script are arguments too
                for (String word : words(item.text())) words.add(new Argument(word, item, at.index(i)));
            }
            arguments(words, "`" + display(at) + "`", "Store it in a Kubernetes Secret, give the container an environment variable set with "
                    + "`valueFrom.secretKeyRef` and write `$(NAME)` in its place; Kubernetes fills it in.");
        }

        /** One word of a program's arguments, and the YAML value it comes from. */
        private record Argument(String word, YScalar at, FieldPath pointer) {
        }

        /**
         * {@code --name value}, {@code --name=value}, {@code -Dname=value} and {@code name=value} with a secret name; any
         * word shaped like a secret (a bare key counts after an option that names one: {@code --aws-key <key>}).
         */
        private void arguments(List<Argument> words, String field, String hint) {
            for (int i = 0; i < words.size(); i++) {
                Argument a = words.get(i);
                String word = a.word();
                String bare = word.replaceFirst("^-+", "");
                int eq = bare.indexOf('=');
                if (eq > 0 && OPTION_NAME.matcher(bare.substring(0, eq)).matches()) {
                    argument(a, "`" + word.substring(0, word.indexOf('=')) + "` in " + field, bare.substring(0, eq), bare.substring(eq + 1), hint);
                } else if (word.startsWith("-") && !bare.isEmpty() && i + 1 < words.size() && !words.get(i + 1).word().startsWith("-")) {
                    argument(words.get(++i), "`" + word + "` in " + field, bare, words.get(i).word(), hint);
                } else {
                    argument(a, field, null, word, hint);
                }
            }
        }

        /** One argument's value, under the option that names it (or none); {@code $(NAME)} is Kubernetes' reference. */
        private void argument(Argument at, String subject, String option, String value, String hint) {
            if (ONLY_KUBERNETES_REFERENCES.matcher(value).matches()) return;
            for (Literal l : literals(subject, option, value)) report(at.at().location(), at.pointer(), l, hint);
        }

        private void other(YScalar value, FieldPath at) {
            for (Literal l : literals("`" + display(at) + "`", null, value.text())) {
                report(value.location(), at, l, "Remove it from here: store it in a Kubernetes Secret and give it to the pods from there ("
                        + declare + " and write `${NAME}` in `flinkConfiguration`, or set an environment variable with `valueFrom.secretKeyRef`).");
            }
        }

        /** How messages name a field below the shared fields: {@code kubernetes.jobManagerPodTemplate.spec.containers[1].args}. */
        private String display(FieldPath at) {
            StringBuilder out = new StringBuilder();
            for (String token : at.relativeTo(base).tokens()) {
                if (token.chars().allMatch(Character::isDigit) && !token.isEmpty()) out.append('[').append(token).append(']');
                else out.append(out.isEmpty() ? "" : ".").append(token);
            }
            return out.toString();
        }

        /** The words a shell would pass; text that cannot be split (an open quote) is one word. */
        private static List<String> words(String text) {
            try {
                return ShellWords.split(text);
            } catch (ShellWords.SyntaxException e) {
                return List.of(text);
            }
        }
    }
}
