package io.flinkops.diff.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diff.DeploymentChange;
import io.flinkops.diff.DiffReport;

import io.flinkops.diff.live.LiveJob;
import io.flinkops.diff.live.LiveState;
import io.flinkops.diff.live.LiveView;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * PRODUCT.md's machine format: {@code {"changes":[{"namespace","deployment","change","restart","upgradeMode",
 * "stateRisk","reasons":[…]}]}}, one entry per Deployment and SessionCluster, sorted by namespace and name. A
 * SessionCluster's entry has {@code upgradeMode: null} (it runs no job of its own) and its reasons say "session
 * cluster". With a status branch (only then) the root has {@code live} (the status commit read, and the instant ages
 * are counted to) and each entry {@code live}: what runs now, or null when the status branch has no file for it
 * (docs/diff.md, "What runs now").
 */
public final class JsonDiffRenderer implements DiffRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The entry's {@code live}: null when the status branch has no file for it. */
    private static void live(ObjectNode entry, LiveView view) {
        if (view == null) {
            entry.putNull("live");
            return;
        }
        LiveJob job = view.job();
        ObjectNode o = entry.putObject("live");
        o.put("state", job.state());
        o.put("running", job.running());
        text(o, "desiredState", job.desiredState());
        text(o, "observedAt", job.observedAt());
        seconds(o, "observedAgeSeconds", job.age(job.observedAt()));
        text(o, "sourceCommit", job.sourceCommit());
        o.put("ofBaseRevision", view.ofBaseRevision());
        text(o, "cluster", job.cluster());
        savepoint(o, "lastSavepoint", job, job.lastSavepoint());
        if (job.lastCheckpoint() == null) {
            o.putNull("lastCheckpoint");
        } else {
            ObjectNode cp = o.putObject("lastCheckpoint");
            text(cp, "location", job.lastCheckpoint().location());
            text(cp, "takenAt", job.lastCheckpoint().takenAt());
            seconds(cp, "ageSeconds", job.age(job.lastCheckpoint().takenAt()));
        }
        text(o, "error", job.error());
        o.put("disagreesWithRepo", view.disagreesWithRepo());
        o.put("discardsState", view.discardsState());
        savepoint(o, "discardsStateNewerThan", job, view.discardedSince());
    }

    private static void savepoint(ObjectNode parent, String field, LiveJob job, LiveJob.SavepointSeen s) {
        if (s == null) {
            parent.putNull(field);
            return;
        }
        ObjectNode o = parent.putObject(field);
        text(o, "name", s.name());
        text(o, "location", s.location());
        text(o, "takenAt", s.takenAt());
        seconds(o, "ageSeconds", job.age(s.takenAt()));
        text(o, "trigger", s.trigger());
    }

    private static void text(ObjectNode o, String field, String value) {
        if (value == null) o.putNull(field);
        else o.put(field, value);
    }

    private static void seconds(ObjectNode o, String field, Optional<Duration> age) {
        if (age.isEmpty()) o.putNull(field);
        else o.put(field, age.get().getSeconds());
    }

    @Override
    public String render(DiffReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        LiveState live = report.live();
        if (live.known()) {
            // Only with a status branch: without one the format is exactly PRODUCT.md's.
            ObjectNode l = root.putObject("live");
            l.put("statusRef", live.ref());
            l.put("statusCommit", live.statusCommit());
            l.put("now", live.now().toString());
            ArrayNode unreadable = l.putArray("unreadable");
            live.unreadable().forEach(unreadable::add);
        }
        ArrayNode list = root.putArray("changes");
        for (DeploymentChange c : report.changes()) {
            ObjectNode o = list.addObject();
            o.put("namespace", c.namespace());
            o.put("deployment", c.deployment());
            o.put("change", c.change().id());
            o.put("restart", c.restart());
            if (c.upgradeMode() == null) o.putNull("upgradeMode");
            else o.put("upgradeMode", c.upgradeMode());
            o.put("stateRisk", c.stateRisk().id());
            ArrayNode reasons = o.putArray("reasons");
            c.reasons().forEach(reasons::add);
            if (live.known()) live(o, c.live());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
