package io.flinkops.diff;

import io.flinkops.render.mapping.ChangeCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What diff makes of a changed input field: the category of the mapping table row that names it. */
class ChangeCategoriesTest {

    @ParameterizedTest
    @CsvSource({
            "state, STATE",
            "upgradeStrategy.kind, MODE",
            "upgradeStrategy, MODE",
            "restoreStrategy.kind, MODE",
            "restoreStrategy.allowNonRestoredState, MODE",
            "template.metadata.annotations.flink.queryable-state.enabled, METADATA",
            "kubernetes.labels.team, METADATA",
            "kubernetes.annotations.owner, METADATA",
            "maxSavepointCreationAttempts, NOT_MAPPED",
            "maxJobCreationAttempts, NOT_MAPPED",
            "jobFailureExpirationTime, NOT_MAPPED",
            "flinkConfiguration.kubernetes.operator.periodic.savepoint.interval, OPERATOR_CONFIG",
            "flinkConfiguration.job.autoscaler.enabled, OPERATOR_CONFIG",
            "flinkConfiguration.kubernetes.jobmanager.replicas, SPEC",
            "flinkConfiguration.parallelism.default, SPEC",
            "flinkConfiguration.taskmanager.numberOfTaskSlots, SPEC",
            "parallelism, SPEC",
            "numberOfTaskManagers, SPEC",
            "artifact.jarUri, SPEC",
            "kubernetes.pods.tolerations[0].key, SPEC",
            "kubernetes.jobManagerPodTemplate.spec.nodeName, SPEC",
            "logging.log4jLoggers.org.apache.flink, SPEC",
            "sessionClusterName, SPEC",
            "deploymentTargetName, SPEC",
            "flinkVersion, SPEC",
    })
    void aFieldHasTheCategoryOfItsRow(String field, FieldChange.Category expected) {
        assertEquals(expected, InputChanges.category(field));
    }

    @ParameterizedTest
    @EnumSource(ChangeCategory.class)
    void everyCategoryOfTheTableIsOneOfDiffs(ChangeCategory category) {
        assertEquals(category.name(), FieldChange.Category.of(category).name());
    }

    @ParameterizedTest
    @EnumSource(FieldChange.Category.class)
    void everyCategoryOfDiffIsOneOfTheTables(FieldChange.Category category) {
        assertEquals(category.name(), ChangeCategory.valueOf(category.name()).name());
    }
}
