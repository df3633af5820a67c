package io.flinkops;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.AutoApproveReporter;
import org.approvaltests.reporters.QuietReporter;

/**
 * ApprovalTests settings for all tests: approved files live in an "approved" folder next to the test,
 * mismatches are reported quietly (no diff tool in CI), and -Dflinkops.updateGolden=true approves
 * whatever is received (review the Git diff afterwards).
 */
public class PackageSettings {
    public static ApprovalFailureReporter UseReporter =
            Boolean.getBoolean("flinkops.updateGolden") ? new AutoApproveReporter() : QuietReporter.INSTANCE;
    public static String UseApprovalSubdirectory = "approved";
}
