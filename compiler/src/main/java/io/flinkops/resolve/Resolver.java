package io.flinkops.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.load.Document;
import io.flinkops.load.LoadedRepo;
import io.flinkops.load.NamespaceDocuments;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.FieldPath;
import io.flinkops.model.Kind;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.RepositorySpec;
import io.flinkops.model.SavepointSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.schema.SchemaResults;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YamlJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The resolve stage: merges defaults into each Deployment (global &lt; namespace &lt; deployment) and gives
 * every document its typed view. It reads the documents as the schema stage left them (invalid values dropped);
 * documents whose structure failed the schema keep their trees but get no typed view.
 */
public final class Resolver {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Resolver() {
    }

    /**
     * @param schema      the documents as the schema stage read them, and which of them are usable
     * @param diagnostics where a document the schema accepted but the model cannot hold is reported (FO099, a bug)
     */
    public static ResolvedRepo resolve(SchemaResults schema, Diagnostics diagnostics) {
        LoadedRepo loaded = schema.read();
        Optional<Resolved<RepositorySpec>> repository = loaded.repository()
                .map(d -> typed(d, d.root(), RepositorySpec.class, schema, diagnostics));
        Optional<Document> global = loaded.globalDefaults().filter(schema::usable);
        SortedMap<String, ResolvedNamespace> namespaces = new TreeMap<>();
        // Namespaces resolve independently of each other (only the global defaults are shared, and read), so in
        // parallel, each into diagnostics of its own, merged in namespace order.
        loaded.namespaces().values().parallelStream()
                .map(ns -> {
                    Diagnostics found = new Diagnostics();
                    return Map.entry(namespace(ns, global, schema, found), found);
                })
                .toList()
                .forEach(e -> {
                    namespaces.put(e.getKey().name(), e.getKey());
                    diagnostics.addAll(e.getValue());
                });
        return new ResolvedRepo(loaded, repository, namespaces, knockOns(loaded, global, namespaces, schema));
    }

    private static ResolvedNamespace namespace(NamespaceDocuments ns, Optional<Document> global, SchemaResults schema, Diagnostics diagnostics) {
        YMap globalSpec = global.map(Document::spec).orElse(null);
        YMap nsSpec = ns.defaults().filter(schema::usable).map(Document::spec).orElse(null);
        SortedMap<String, Resolved<DeploymentSpec>> deployments = new TreeMap<>();
        ns.deployments().forEach((name, d) ->
                deployments.put(name, typed(d, effective(d, globalSpec, nsSpec), DeploymentSpec.class, schema, diagnostics)));
        SortedMap<String, Resolved<DeploymentTargetSpec>> targets = new TreeMap<>();
        ns.targets().forEach((name, d) -> targets.put(name, typed(d, d.root(), DeploymentTargetSpec.class, schema, diagnostics)));
        SortedMap<String, Resolved<SessionClusterSpec>> sessions = new TreeMap<>();
        ns.sessionClusters().forEach((name, d) -> sessions.put(name, typed(d, d.root(), SessionClusterSpec.class, schema, diagnostics)));
        SortedMap<String, Resolved<SavepointSpec>> savepoints = new TreeMap<>();
        ns.savepoints().forEach((name, d) -> savepoints.put(name, typed(d, d.root(), SavepointSpec.class, schema, diagnostics)));
        Optional<Resolved<NamespaceSpec>> namespace = ns.namespace().map(d -> typed(d, d.root(), NamespaceSpec.class, schema, diagnostics));
        return ResolvedNamespace.of(ns.name(), ns, namespace, deployments, targets, sessions, savepoints);
    }

    /**
     * The values each document lost to the schema stage. A Deployment also lost the values dropped from the defaults
     * it inherits, wherever its effective spec has nothing in their place.
     */
    private static KnockOns knockOns(LoadedRepo loaded, Optional<Document> global, SortedMap<String, ResolvedNamespace> namespaces, SchemaResults schema) {
        KnockOns out = new KnockOns();
        for (Document d : loaded.documents()) {
            if (d.kind() != Kind.DEPLOYMENT) out.add(d, schema.dropped(d));
        }
        for (ResolvedNamespace ns : namespaces.values()) {
            List<Document> defaults = new ArrayList<>();
            global.ifPresent(defaults::add);
            ns.documents().defaults().filter(schema::usable).ifPresent(defaults::add);
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                Set<String> lost = new TreeSet<>(schema.dropped(d.document()));
                for (Document layer : defaults) {
                    for (String p : schema.dropped(layer)) {
                        if (p.startsWith("/spec/") && JsonPointers.find(d.effective(), JsonPointers.tokens(p)) == null) lost.add(p);
                    }
                }
                out.add(d.document(), lost);
            }
        }
        return out;
    }

    /** The Deployment with its spec replaced by global &lt; namespace &lt; own spec. */
    static YMap effective(Document deployment, YMap globalSpec, YMap namespaceSpec) {
        YMap spec = new YMap(Map.of(), deployment.spec().location());
        if (globalSpec != null) spec = DefaultsMerger.merge(spec, globalSpec);
        if (namespaceSpec != null) spec = DefaultsMerger.merge(spec, namespaceSpec);
        spec = DefaultsMerger.merge(spec, deployment.spec());
        Map<String, YMap.Entry> root = new LinkedHashMap<>(deployment.root().entries());
        YMap.Entry specEntry = root.get("spec");
        root.put("spec", new YMap.Entry("spec", specEntry != null ? specEntry.keyLocation() : deployment.root().location(), spec));
        return new YMap(root, deployment.root().location());
    }

    private static <T> Resolved<T> typed(Document d, YMap effective, Class<T> type, SchemaResults schema, Diagnostics diagnostics) {
        if (!schema.usable(d)) return new Resolved<>(d, effective, null);
        YMap spec = effective.map("spec").orElse(new YMap(Map.of(), effective.location()));
        JsonNode json = YamlJson.toJson(spec, "", p -> p.endsWith("/flinkConfiguration") || p.equals("/flinkConfiguration"));
        try {
            return new Resolved<>(d, effective, MAPPER.treeToValue(json, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The schema accepted what the model cannot hold: a schema/model mismatch, which is a flinkops bug. It is
            // reported, so that the rules that skip an untyped document are not silently skipped.
            FieldPath at = e instanceof JsonMappingException m ? DocumentFields.SPEC.resolve(pathOf(m.getPath())) : DocumentFields.SPEC;
            diagnostics.report(Code.INTERNAL_ERROR, JsonPointers.locate(effective, at.tokens(), false), at,
                    "flinkops cannot read this " + d.kind().kindName() + " into its model although it passed the schema ("
                            + e.getClass().getSimpleName() + "), so its semantic checks were skipped. This is a bug in flinkops.",
                    "Please report it with this file; until it is fixed, write the value as the documentation's examples do.");
            return new Resolved<>(d, effective, null);
        }
    }

    /** The field path of a Jackson path (field names and array indices). */
    private static FieldPath pathOf(java.util.List<JsonMappingException.Reference> path) {
        FieldPath out = FieldPath.ROOT;
        for (JsonMappingException.Reference r : path) out = r.getFieldName() != null ? out.child(r.getFieldName()) : out.index(r.getIndex());
        return out;
    }
}
