package io.flinkops.flinkconfig;

import org.apache.logging.log4j.core.util.CronExpression;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QuartzCron} against a second implementation of the same grammar: log4j-core's {@code CronExpression} (on the
 * test classpath for the logging tests), which is Quartz's parser carried over. They agree on every expression built
 * from values, ranges, steps, names and the special characters, valid or not, except in one place where log4j's copy
 * is older than Quartz 2.4 (the release the operator's autoscaler uses): Quartz 2.4 also checks the step after a
 * single value ({@code 5/10} in the day-of-week field is too large).
 */
class QuartzCronTest {
    private static final String[] ITEMS = {"*", "?", "0", "5", "59", "60", "1-5", "5-1", "1-", "1-x", "*/5", "*/61", "/5", "/", "5/3",
            "5/1x", "5/", "L", "LW", "L-3", "L-31", "L-", "3W", "32W", "3L", "9L", "2#3", "2#6", "MON", "JAN", "MON-FRI", "JAN-MAR",
            "FOO", "MO", "MON#2", "MONL", "x", "$", "1,2", "L,5", "2#1,3#2", "0-59/2", "12x", "?x", "?xy", "*5", "2040-2030", "99999999999"};

    @Test
    void agreesWithQuartzsParserAsLog4jCarriesIt() {
        Random random = new Random(42);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int fields = 5 + random.nextInt(4);
            for (int f = 0; f < fields; f++) {
                String item = ITEMS[random.nextInt(ITEMS.length)];
                if (random.nextInt(5) == 0) item += "," + ITEMS[random.nextInt(ITEMS.length)];
                b.append(f == 0 ? "" : " ").append(item);
            }
            String expression = b.toString();
            boolean quartz = accepts(expression);
            boolean here = QuartzCron.problem(expression).isEmpty();
            if (quartz != here) disagreements.add(expression + (quartz ? " (Quartz accepts)" : " (Quartz rejects)"));
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void quartz24ChecksTheStepAfterAValueToo() {
        assertTrue(accepts("0 0 12 ? * 5/10"), "log4j's copy predates the check");
        assertTrue(QuartzCron.problem("0 0 12 ? * 5/10").isPresent());
        assertTrue(QuartzCron.problem("0 0 12 ? * 5/2").isEmpty());
    }

    private static boolean accepts(String expression) {
        try {
            new CronExpression(expression);
            return true;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
