package io.flinkops.validate.rules;

import io.flinkops.diag.Location;
import io.flinkops.load.Document;
import io.flinkops.load.NamespaceDocuments;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkConfiguration;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.plan.Placement;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Flink configuration is written, for the FO3xx and FO4xx rules: the effective configuration of a
 * Deployment with the place each key comes from, and the configuration blocks of every document as written.
 */
final class FlinkConfigs {
    private FlinkConfigs() {
    }

    /** One key of a Flink configuration, with the resource tree that holds it and its pointer there. */
    record Setting(String key, String value, Resolved<?> owner, String pointer) {
        Location location() {
            return owner.locate(pointer);
        }

        Location keyLocation() {
            return owner.locateKey(pointer);
        }

        String file() {
            return location().file();
        }
    }

    /**
     * A Flink configuration block as written in one document (a Deployment, a defaults file or a
     * SessionCluster), before merging. Value checks that do not depend on the deployment run over these,
     * so that a problem is reported once, where it is written, even if no deployment uses the value.
     */
    record Block(Document document, Resolved<?> owner, String pointer, String namespace) {
        /** The keys with non-null scalar values, in source order. */
        List<Setting> settings() {
            return settingsAt(owner, pointer);
        }

        String kindName() {
            return document.kind().kindName();
        }
    }

    /** The session cluster a session-mode Deployment runs on, if it exists and is valid. */
    static Optional<Resolved<SessionClusterSpec>> sessionCluster(ResolvedRepo repo, Resolved<DeploymentSpec> d) {
        return d.spec() == null ? Optional.empty()
                : Placement.sessionCluster(repo, d.namespace(), d.spec().sessionClusterName()).filter(Resolved::isTyped);
    }

    /**
     * The effective Flink configuration of a Deployment by key, each with where it is written: in session
     * mode the SessionCluster's keys overlaid by the job's (as {@link ResolvedRepo#effectiveFlinkConfiguration}).
     */
    static Map<String, Setting> effectiveSettings(ResolvedRepo repo, Resolved<DeploymentSpec> d) {
        Map<String, Setting> out = new LinkedHashMap<>();
        sessionCluster(repo, d).ifPresent(c -> settingsAt(c, Pointers.SESSION_CLUSTER_FLINK_CONFIGURATION).forEach(s -> out.put(s.key(), s)));
        settingsAt(d, Pointers.DEPLOYMENT_FLINK_CONFIGURATION).forEach(s -> out.put(s.key(), s));
        return out;
    }

    static Map<String, Setting> sessionClusterSettings(Resolved<SessionClusterSpec> c) {
        Map<String, Setting> out = new LinkedHashMap<>();
        settingsAt(c, Pointers.SESSION_CLUSTER_FLINK_CONFIGURATION).forEach(s -> out.put(s.key(), s));
        return out;
    }

    /** The setting under which {@code option} is written (first name present, blank or not). */
    static Optional<Setting> setting(Map<String, Setting> settings, FlinkConfiguration.Option option) {
        for (String name : option.names()) {
            Setting s = settings.get(name);
            if (s != null) return Optional.of(s);
        }
        return Optional.empty();
    }

    static List<Setting> settingsAt(Resolved<?> owner, String pointer) {
        List<Setting> out = new ArrayList<>();
        if (owner.at(pointer) instanceof YMap m) {
            m.entries().forEach((k, e) -> {
                if (e.value() instanceof YScalar s && s.type() != YScalar.Type.NULL) {
                    out.add(new Setting(k, s.text(), owner, JsonPointers.append(pointer, k)));
                }
            });
        }
        return out;
    }

    /**
     * Every Flink configuration block as written: global and namespace defaults, Deployments and
     * SessionClusters. Deployments and SessionClusters that failed their schema are skipped.
     */
    static List<Block> writtenBlocks(ResolvedRepo repo) {
        List<Block> out = new ArrayList<>();
        repo.loaded().globalDefaults().ifPresent(doc -> out.add(raw(doc, Pointers.DEPLOYMENT_FLINK_CONFIGURATION, "")));
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            ns.documents().defaults().ifPresent(doc -> out.add(raw(doc, Pointers.DEPLOYMENT_FLINK_CONFIGURATION, ns.name())));
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (d.isTyped()) out.add(raw(d.document(), Pointers.DEPLOYMENT_FLINK_CONFIGURATION, ns.name()));
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (c.isTyped()) out.add(new Block(c.document(), c, Pointers.SESSION_CLUSTER_FLINK_CONFIGURATION, ns.name()));
            }
        }
        return out;
    }

    private static Block raw(Document doc, String pointer, String namespace) {
        return new Block(doc, new Resolved<>(doc, doc.root(), null), pointer, namespace);
    }

    /** An explicit null in a Deployment or defaults file that removes a value a lower layer sets. */
    record NullRemoval(Document document, String pointer, String key, Document removedFrom) {
        Location location() {
            return document.locateKey(pointer);
        }

        /** The key set to null: the value's own key or a mapping above it. */
        String removedName() {
            List<String> tokens = JsonPointers.tokens(pointer);
            return tokens.get(tokens.size() - 1);
        }
    }

    /**
     * Where the Deployment's own file or its namespace defaults set {@code option} (or a mapping above it)
     * to null although a lower defaults layer sets it: the reason it is missing from the effective spec.
     */
    static Optional<NullRemoval> removedByNull(ResolvedRepo repo, Resolved<DeploymentSpec> d, FlinkConfiguration.Option option) {
        return removedByNull(repo, d, option.names().stream()
                .map(n -> JsonPointers.append(Pointers.DEPLOYMENT_FLINK_CONFIGURATION, n)).toList());
    }

    /** As above, for any of {@code pointers} (into the Deployment document; the first one removed wins). */
    static Optional<NullRemoval> removedByNull(ResolvedRepo repo, Resolved<DeploymentSpec> d, List<String> pointers) {
        NamespaceDocuments nsDocs = repo.loaded().namespaces().get(d.namespace());
        List<Document> layers = new ArrayList<>();
        layers.add(d.document());
        if (nsDocs != null) nsDocs.defaults().ifPresent(layers::add);
        repo.loaded().globalDefaults().ifPresent(layers::add);
        for (int i = 0; i < layers.size() - 1; i++) {
            for (String pointer : pointers) {
                Optional<String> nulled = nullOnPath(layers.get(i).root(), pointer);
                if (nulled.isEmpty()) continue;
                for (Document lower : layers.subList(i + 1, layers.size())) {
                    YNode below = lower.root().at(pointer);
                    if (below != null && !below.isNull()) {
                        List<String> tokens = JsonPointers.tokens(pointer);
                        return Optional.of(new NullRemoval(layers.get(i), nulled.get(), tokens.get(tokens.size() - 1), lower));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The pointer of an explicit null on the way to {@code pointer} (the value itself or a mapping above it). */
    private static Optional<String> nullOnPath(YMap root, String pointer) {
        YNode cur = root;
        String at = "";
        for (String token : JsonPointers.tokens(pointer)) {
            if (!(cur instanceof YMap m)) return Optional.empty();
            YNode next = m.get(token);
            if (next == null) return Optional.empty();
            at = JsonPointers.append(at, token);
            if (next.isNull()) return Optional.of(at);
            cur = next;
        }
        return Optional.empty();
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.size() <= 1) return String.join("", items);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
