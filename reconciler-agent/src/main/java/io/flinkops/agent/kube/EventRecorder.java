package io.flinkops.agent.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Kubernetes Events on the objects the agent applies, prunes or refuses, so that {@code kubectl describe
 * flinkdeployment X} tells what the agent did to it, next to the operator's own events. Events are core/v1 with
 * {@code source.component} and {@code reportingComponent} {@value #COMPONENT}.
 * <p>
 * The same event again (same object, reason and message: an object refused on every cycle, say) is one Event whose
 * {@code count} and {@code lastTimestamp} grow, as kubelet's event recorder aggregates: its name is derived from what
 * it says, so a second create conflicts and becomes a patch. Recording an event is best effort: a failure is passed to
 * {@code onFailure} (logged) and never fails the cycle, since the event is a report of what was done, not part of it.
 */
public final class EventRecorder {
    public static final String COMPONENT = "flinkops-agent";
    /** Event types, as Kubernetes defines them. */
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final Consumer<String> onFailure;

    /**
     * @param instance  the reporting instance (the agent's pod or Lease identity)
     * @param onFailure told about an event that could not be recorded
     */
    public EventRecorder(KubernetesClient client, Clock clock, String instance, Consumer<String> onFailure) {
        this.client = client;
        this.clock = clock;
        this.instance = instance;
        this.onFailure = onFailure;
    }

    /**
     * Records one event on the object {@code kind namespace/name} ({@code apiVersion} its API version).
     *
     * @param reason  a short CamelCase reason, e.g. {@code Applied}, {@code Pruned}, {@code Refused}
     * @param message one or two sentences, without secrets
     */
    public void record(String apiVersion, String kind, String namespace, String name, String type, String reason, String message) {
        String now = RFC3339.format(Instant.now(clock));
        String eventName = name + "." + digest(kind, reason, message);
        Event event = new EventBuilder()
                .withNewMetadata().withName(eventName).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withApiVersion(apiVersion).withKind(kind).withNamespace(namespace).withName(name).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT).withReportingInstance(instance)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withEventTime(new MicroTime(now))
                .withAction(reason)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                onFailure.accept("cannot record event " + reason + " on " + kind + " " + namespace + "/" + name + ": " + describe(e));
                return;
            }
            increment(namespace, eventName, now, kind, name, reason);
        }
    }

    /** The same event happened again: count it. */
    private void increment(String namespace, String eventName, String now, String kind, String name, String reason) {
        try {
            client.v1().events().inNamespace(namespace).withName(eventName).edit(e -> {
                e.setCount(e.getCount() == null ? 2 : e.getCount() + 1);
                e.setLastTimestamp(now);
                return e;
            });
        } catch (KubernetesClientException e) {
            onFailure.accept("cannot record event " + reason + " on " + kind + " " + namespace + "/" + name + ": " + describe(e));
        }
    }

    /** A short hash of what the event says: the same event on the same object gets the same name. */
    private static String digest(String kind, String reason, String message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "\n" + reason + "\n" + message).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String describe(KubernetesClientException e) {
        return e.getCode() > 0 ? "HTTP " + e.getCode() + (e.getStatus() == null ? "" : " " + e.getStatus().getReason()) : e.getClass().getSimpleName();
    }
}
