package io.flinkops.agent.kube;

import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.DeploymentStatus.Operation;
import io.flinkops.status.DeploymentStatus.SavepointRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The savepoint and operation history's merge rules: newest first, bounded, stable, and the create-once memory. */
class DayTwoHistoryTest {
    static SavepointRecord request(String name, String at, String result) {
        return new SavepointRecord(name, null, "MANUAL", result, at, null, null);
    }

    static String at(int minute) {
        return Instant.parse("2026-12-04T00:00:00Z").plusSeconds(60L * minute).toString();
    }

    @Test
    void observedEntriesReplaceRecordedOnesUnobservedOnesStayAndTheHistoryIsNewestFirstAndBounded() {
        List<SavepointRecord> recorded = new ArrayList<>();
        for (int i = 0; i < DeploymentStatus.HISTORY_LIMIT; i++) recorded.add(request("sp" + i, at(i), "COMPLETED"));
        List<SavepointRecord> merged = DayTwoHistory.savepoints(recorded, List.of(request("sp19", at(19), "FAILED"), request("new", at(100), "PENDING")));
        assertEquals(DeploymentStatus.HISTORY_LIMIT, merged.size());
        assertEquals(List.of("new", "sp19", "sp18"), merged.stream().limit(3).map(SavepointRecord::name).toList());
        assertEquals("FAILED", merged.get(1).result());
        assertEquals("sp1", merged.get(merged.size() - 1).name(), "the oldest left the history");
        assertEquals(merged, DayTwoHistory.savepoints(merged, List.of()), "nothing observed: the history as it was");
    }

    @Test
    void aRecordedRequestOrOneOlderThanAFullHistoryIsNotCreatedAgain() {
        List<SavepointRecord> full = new ArrayList<>();
        for (int i = 0; i < DeploymentStatus.HISTORY_LIMIT; i++) full.add(request("sp" + (i + 10), at(i + 10), "COMPLETED"));
        assertNotNull(DayTwoHistory.recorded(full, "sp12", at(12)));
        assertNull(DayTwoHistory.recorded(full, "sp12", at(99)), "the same name asked for again at another time is a new request");
        assertNotNull(DayTwoHistory.recorded(full, "sp3", at(3)), "older than everything a full history keeps: dropped from it");
        assertNull(DayTwoHistory.recorded(full.subList(0, 5), "sp3", at(3)), "a history with room dropped nothing");
        assertNull(DayTwoHistory.recorded(full, "later", at(500)));
    }

    @Test
    void anOperationsObservedAtMovesOnlyWithItsResultAndDoneIsFinal() {
        Operation pending = new Operation("RESTART", at(1), null, null, "PENDING", at(2), null);
        assertEquals(List.of(pending), DayTwoHistory.operations(List.of(pending), List.of(new Operation("RESTART", at(1), null, null, "PENDING", at(3), null))));
        Operation done = new Operation("RESTART", at(1), null, null, "DONE", at(4), null);
        assertEquals(List.of(done), DayTwoHistory.operations(List.of(pending), List.of(done)));
        assertEquals(List.of(done), DayTwoHistory.operations(List.of(done), List.of(new Operation("RESTART", at(1), null, null, "FAILED", at(5), "x"))));
        Operation redeploy = new Operation("REDEPLOY", at(7), "s3://b/sp", "restore", "PENDING", at(7), null);
        assertEquals(List.of(redeploy, done), DayTwoHistory.operations(List.of(done), List.of(redeploy)));
    }
}
