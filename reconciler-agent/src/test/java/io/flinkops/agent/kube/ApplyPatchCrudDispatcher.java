package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * synthesized POST to the collection path, otherwise it is merged into the stored object through a synthesized
 * {@code application/merge-patch+json} request. That is not real apply: fields that the manager stops sending are
 * <em>not</em> removed (merge keeps them), and field ownership/conflicts are not tracked. Every apply request is
 * recorded ({@link #applyRequests()}) so tests can assert the field manager and {@code force=true}.
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
        byte[] json;
        try {
            JsonNode body = YAML.readTree(request.getUtf8Body());
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_BAD_REQUEST).setBody("not YAML: " + e.getMessage());
        }
        String path = request.getPath();
        int query = path.indexOf('?');
        String objectPath = query < 0 ? path : path.substring(0, query);
        MockResponse current = handleGet(objectPath);
        if (current.code() == HttpURLConnection.HTTP_NOT_FOUND) {
            String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
            return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection,
                    Headers.builder().add("Content-Type", "application/json").build(), new Buffer(json)));
        }
        MockResponse patched = super.handlePatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH, objectPath,
                Headers.builder().add("Content-Type", "application/merge-patch+json").build(), new Buffer(json)));
        // A real API server answers a successful apply with 200, the mock's PATCH with 202.
        return patched.code() == HttpURLConnection.HTTP_ACCEPTED ? patched.setResponseCode(HttpURLConnection.HTTP_OK) : patched;
    }

    /** Paths (with query: fieldManager, force) of every server-side apply request received. */
    public List<String> applyRequests() {
        return List.copyOf(applyRequests);
    }

}
