package io.flinkops.flinkconfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The autoscaler's excluded periods as the operator reads them: the verdicts of its own tests (flink-autoscaler
 * {@code CalendarUtilsTest.testValidateExcludedPeriods} and {@code DefaultValidatorTest}, release 1.15.0), and
 * Quartz 2.4's cron grammar, including where Quartz is lenient.
 */
class ExcludedPeriodsTest {

    @Test
    void theOperatorsOwnCases() {
        assertTrue(ExcludedPeriods.problem("09:13:17-08:15:18").isPresent());
        assertTrue(ExcludedPeriods.problem("09:13:17-25:15:18").isPresent());
        assertTrue(ExcludedPeriods.problem("09:13:17-11:15:18;18:01:20-16:00:00").isPresent());
        assertTrue(ExcludedPeriods.problem("09:13:17-11:15:18 && 12:01:20-16:00:00").isPresent());
        assertTrue(ExcludedPeriods.problem("09:13:17-11:15:18;14:01:20-16:00:00").isEmpty());
        assertTrue(ExcludedPeriods.problem("* * * ? * 2,5555").isPresent());
        assertTrue(ExcludedPeriods.problem("* * * ? * 2,5 && 18:01:20-16:00:00").isPresent());
        assertTrue(ExcludedPeriods.problem("* * * ? * 2,5 && * * 11-13 * * ?").isPresent());
        assertTrue(ExcludedPeriods.problem("* * * ? * 2,5 && 14:01:20-16:00:00").isEmpty());
        assertTrue(ExcludedPeriods.problem("12:00-10:00").isPresent());
        // From the option's description.
        assertTrue(ExcludedPeriods.problem("* * 9-11,14-16 * * ?").isEmpty());
        assertTrue(ExcludedPeriods.problem("* * * ? * 2-6").isEmpty());
        assertTrue(ExcludedPeriods.problem("9:30:30-10:50:20 && * * * ? * 2,5").isEmpty());
    }

    @Test
    void theProblemNamesTheExpression() {
        assertEquals("`12:00-10:00` is not a valid daily time range: the start 12:00 is not before the end 10:00",
                ExcludedPeriods.problem("09:00-10:00; 12:00-10:00").orElseThrow());
    }

    @Test
    void aListSplitsAsFlinkSplitsIt() {
        assertEquals(List.of("a", "b"), ExcludedPeriods.list(" a ; b "));
        assertEquals(List.of("a"), ExcludedPeriods.list("a;"));
        assertEquals(List.of("a"), ExcludedPeriods.list(";a"));
        assertEquals(List.of("a", "", "b"), ExcludedPeriods.list("a;;b"));
        assertEquals(List.of("a;b", "c"), ExcludedPeriods.list("'a;b';c"));
        assertEquals(List.of(), ExcludedPeriods.list(";"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 12 * * ?", "0 15 10 ? * *", "0 15 10 * * ? 2030", "0 0/5 14,18 * * ?", "0 0-5 14 * * ?",
            "0 10,44 14 ? 3 WED", "0 15 10 ? * MON-FRI", "0 15 10 L * ?", "0 15 10 L-2 * ?", "0 15 10 LW * ?", "0 15 10 15W * ?",
            "0 15 10 ? * 6L", "0 15 10 ? * 6#3", "0 15 10 ? * FRI#3", "0 15 10 ? JAN-MAR MON", "*/5 * * * * ?", "/5 * * * * ?",
            "0 0 12 1/5 * ?", "0 11 11 11 11 ?", "0 0 22-2 * * ?", "0 0 12 ? * sun", "0 0 12 * * ? 2030-2040",
            // Quartz ignores what follows a complete value, a name, `*`, and fields after the seventh.
            "5x * * * * ?", "0 0 12 ? JANUARY *", "0 0 12 * * ? 2030 extra", "*5 * * * * ?", "0 0 12 ?X * MON"})
    void cronExpressionsQuartzAccepts(String cron) {
        assertEquals(java.util.Optional.empty(), QuartzCron.problem(cron), cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "* * * * * *", "* * * ? * ?", "60 * * * * ?", "* 60 * * * ?", "* * 24 * * ?",
            "* * * 0 * ?", "* * * 32 * ?", "* * * ? 13 *", "* * * ? * 8", "* * * ? * 0", "* * * ? FOO *", "* * * ? * FUN",
            "* * * ? * MON#6", "* * * ? * 2#1,3#2", "* * * L,5 * ?", "* * * ? * L,5", "*/61 * * * * ?", "* * */25 * * ?",
            "* * * ? * */8", "* * * ? */13 *", "a * * * * ?", "* * * ? * 1-", "* * * ? * 1-x", "* * 5/ * * ?", "* * 5/x * * ?",
            "* * 5/1x * * ?", "* * * L-31 * ?", "* * * L- * ?", "? * * * * ?", "* * * 5L * ?", "* * * ? * 5W",
            "* * * 32W * ?", "* * * 5# * ?", "* * * * * ? 2040-2030", "99999999999 * * * * ?", "* * * ?XY * MON", "$ * * * * ?"})
    void cronExpressionsQuartzRejects(String cron) {
        assertTrue(QuartzCron.problem(cron).isPresent(), cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9:00-17:30", "09:00:00-17:30:00", "09:00:00:000-17:30:00:999", "0:0-23:59:59:999", "9::30-10:00"})
    void dailyRangesQuartzAccepts(String range) {
        assertEquals(java.util.Optional.empty(), ExcludedPeriods.dailyProblem(range), range);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9-17", "9:00-9:00", "9:00 - 17:00", "24:00-25:00", "9:60-10:00", "9:00:60-10:00", "9:00:00:1000-10:00",
            "9:00-", "-9:00-10:00", "9:00:00:00:00-10:00", "a:00-10:00"})
    void dailyRangesQuartzRejects(String range) {
        assertTrue(ExcludedPeriods.dailyProblem(range).isPresent(), range);
    }
}
