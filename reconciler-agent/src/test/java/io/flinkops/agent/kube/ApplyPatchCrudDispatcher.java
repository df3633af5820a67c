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
 */
public class ApplyPatchCrudDispatcher extends KubernetesCrudDispatcher {
    public static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> applyRequests = new CopyOnWriteArrayList<>();

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
