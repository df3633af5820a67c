package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fabric8 CRUD dispatcher, taught to accept server-side apply ({@code application/apply-patch+yaml}), which the
 * mock otherwise answers with HTTP 415. So tests drive the agent's production code path (a real SSA request through
 * fabric8) against the mock.
 * <p>
 * Semantics: the body (YAML or JSON) is converted to JSON; when the object does not exist it is created through a
 * synthesized POST to the collection path, otherwise it is merged into the stored object as a JSON merge patch
 * (RFC 7386: objects merged key by key, arrays and values replaced) and stored through a synthesized
 * {@code application/json-patch+json} request that replaces each top-level field the body sends. (The mock's own
 * merge patch appends to arrays instead of replacing them, so applying the same object twice would double its lists.)
 * That is not real apply: fields that the manager stops sending are <em>not</em> removed (merge keeps them), and field
 * ownership/conflicts are not tracked. Every apply request is recorded ({@link #applyRequests()}) so tests can
 * assert the field manager and {@code force=true}.
 * <p>
 * Server-side dry run, as the API server does it: a write with {@code dryRun=All} (apply, merge patch, create, delete)
 * is answered with what the server would store (or the object it would delete) and persists nothing. The mock's own
 * dispatcher ignores the parameter and would write; every such request is recorded ({@link #dryRunRequests()}).
 */
public class ApplyPatchCrudDispatcher extends KubernetesCrudDispatcher {
    public static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> applyRequests = new CopyOnWriteArrayList<>();
    private final List<String> dryRunRequests = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        boolean dryRun = query >= 0 && java.util.Arrays.asList(path.substring(query + 1).split("&")).contains("dryRun=All");
        if (!dryRun || "GET".equalsIgnoreCase(request.getMethod())) return super.dispatch(request);
        dryRunRequests.add(request.getMethod() + " " + path);
        String contentType = String.valueOf(request.getHeader("Content-Type")).toLowerCase();
        if (contentType.startsWith(APPLY_PATCH)) applyRequests.add(path);
        MockResponse current = handleGet(path.substring(0, query));
        boolean exists = current.code() != HttpURLConnection.HTTP_NOT_FOUND;
        try {
            JsonNode stored = exists ? JSON.readTree(current.getBody().readUtf8()) : null;
            switch (request.getMethod().toUpperCase()) {
                case "DELETE":
                    return exists ? json(HttpURLConnection.HTTP_OK, stored) : current;
                case "POST":
                    return json(HttpURLConnection.HTTP_CREATED, JSON.readTree(request.getUtf8Body()));
                case "PATCH":
                    if (contentType.startsWith(APPLY_PATCH)) {
                        JsonNode body = YAML.readTree(request.getUtf8Body());
                        return exists ? json(HttpURLConnection.HTTP_OK, mergePatch(stored, body)) : json(HttpURLConnection.HTTP_CREATED, body);
                    }
                    if (contentType.startsWith("application/merge-patch+json")) {
                        return exists ? json(HttpURLConnection.HTTP_OK, mergePatch(stored, JSON.readTree(request.getUtf8Body()))) : current;
                    }
                    break;
                default:
                    break;
            }
        } catch (IOException e) {
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_INTERNAL_ERROR).setBody("mock: " + e.getMessage());
        }
        return new MockResponse().setResponseCode(HttpURLConnection.HTTP_BAD_REQUEST)
                .setBody("the mock does not emulate a dry run of " + request.getMethod() + " " + contentType);
    }

    private static MockResponse json(int code, JsonNode body) throws IOException {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(JSON.writeValueAsString(body));
    }

    /** "METHOD path?query" of every write that carried dryRun=All (answered, not persisted). */
    public List<String> dryRunRequests() {
        return List.copyOf(dryRunRequests);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith(APPLY_PATCH)) {
            return super.handlePatch(request);
        }
        applyRequests.add(request.getPath());
        JsonNode body;
        try {
            body = YAML.readTree(request.getUtf8Body());
        } catch (IOException e) {
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_BAD_REQUEST).setBody("not YAML: " + e.getMessage());
        }
        String path = request.getPath();
        int query = path.indexOf('?');
        String objectPath = query < 0 ? path : path.substring(0, query);
        MockResponse current = handleGet(objectPath);
        try {
            if (current.code() == HttpURLConnection.HTTP_NOT_FOUND) {
                String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
                return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                        Headers.builder().add("Content-Type", "application/json").build(), new Buffer(JSON.writeValueAsBytes(body))));
            }
            JsonNode stored = JSON.readTree(current.getBody().readUtf8());
            byte[] patch = JSON.writeValueAsBytes(replaceTopLevelFields(body, stored, mergePatch(stored, body)));
            MockResponse patched = super.handlePatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH, objectPath,
                    Headers.builder().add("Content-Type", "application/json-patch+json").build(), new Buffer(patch)));
            // A real API server answers a successful apply with 200, the mock's PATCH with 202.
            return patched.code() == HttpURLConnection.HTTP_ACCEPTED ? patched.setResponseCode(HttpURLConnection.HTTP_OK) : patched;
        } catch (IOException e) {
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_INTERNAL_ERROR).setBody("mock: " + e.getMessage());
        }
    }

    /** RFC 7386: {@code patch} merged into a copy of {@code target}; objects merge key by key, null removes, the rest replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch.deepCopy();
        ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
        for (var e : patch.properties()) {
            if (e.getValue().isNull()) out.remove(e.getKey());
            else out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    /** A JSON patch (RFC 6902) setting each top-level field {@code body} sends to its value in {@code merged}. */
    private static ArrayNode replaceTopLevelFields(JsonNode body, JsonNode stored, JsonNode merged) {
        ArrayNode ops = JSON.createArrayNode();
        for (var e : body.properties()) {
            String pointer = "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            if (merged.has(e.getKey())) ops.addObject().put("op", "add").put("path", pointer).set("value", merged.get(e.getKey()));
            else if (stored.has(e.getKey())) ops.addObject().put("op", "remove").put("path", pointer);
        }
        return ops;
    }

    /** Paths (with query: fieldManager, force) of every server-side apply request received. */
    public List<String> applyRequests() {
        return List.copyOf(applyRequests);
    }

}
