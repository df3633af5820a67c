package io.flinkops.quantity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Durations as Flink's TimeUtils reads them. */
class FlinkDurationTest {

    @Test
    void numbersWithFlinksUnits() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), FlinkDuration.parse("30s"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), FlinkDuration.parse("30 s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), FlinkDuration.parse("5min"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), FlinkDuration.parse("5 minutes"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), FlinkDuration.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), FlinkDuration.parse(" 1 H "));
        assertEquals(Optional.of(Duration.ofDays(2)), FlinkDuration.parse("2d"));
        assertEquals(Optional.of(Duration.ofMillis(500)), FlinkDuration.parse("500"), "no unit: milliseconds");
        assertEquals(Optional.of(Duration.ofMillis(500)), FlinkDuration.parse("500ms"));
    }

    @Test
    void whatFlinkWouldRefuse() {
        for (String bad : new String[]{"", "s", "soon", "1.5s", "-1s", "5 fortnights", null}) {
            assertEquals(Optional.empty(), FlinkDuration.parse(bad), String.valueOf(bad));
        }
    }
}
