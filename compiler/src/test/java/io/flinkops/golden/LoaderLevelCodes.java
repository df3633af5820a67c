package io.flinkops.golden;

import io.flinkops.diag.Code;

import java.util.Set;

/**
 * Codes whose inputs cannot live in a case folder copied as plain files (symlinks out of the repo,
 * unreadable files, huge files), or that no valid input produces (a flinkops bug); each is covered by a unit test
 * named after it instead.
 */
final class LoaderLevelCodes {
    static final Set<Code> COVERED_BY_UNIT_TESTS = Set.of(
            Code.SYMLINK_ESCAPES_REPO, // SourcesTest, AllProblemsInOneRunTest
            Code.SYMLINK_CROSSES_NAMESPACE, // SourcesTest
            Code.UNREADABLE_FILE,      // SourcesTest, AllProblemsInOneRunTest
            Code.FILE_TOO_LARGE,       // YamlReaderTest, SourcesTest, AllProblemsInOneRunTest
            Code.NESTING_TOO_DEEP,     // YamlReaderTest, AllProblemsInOneRunTest
            Code.INTERNAL_ERROR);      // ResolverTest: a document the schema accepts but the model cannot hold

    private LoaderLevelCodes() {
    }
}
