package io.flinkops.validate.rules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

    @Test
    void dnsLabels() {
        assertEquals(Optional.empty(), Names.dnsLabelProblem("a"));
        assertEquals(Optional.empty(), Names.dnsLabelProblem("1-job"));
        assertEquals(Optional.empty(), Names.dnsLabelProblem("x".repeat(63)));
        assertEquals(Optional.of("has 64 characters (at most 63 are allowed)"), Names.dnsLabelProblem("x".repeat(64)));
        assertEquals(Optional.of("starts with `-`"), Names.dnsLabelProblem("-a"));
        assertEquals(Optional.of("starts with `-`"), Names.dnsLabelProblem("-"));
        assertEquals(Optional.of("contains `é`"), Names.dnsLabelProblem("café"));
        assertEquals(Optional.of("contains `😀`"), Names.dnsLabelProblem("a😀b"));
    }

    @Test
    void targetNames() {
        assertEquals(Optional.empty(), Names.targetNameProblem("Prod_EU-1"));
        assertEquals(Optional.empty(), Names.targetNameProblem("-"));
        assertTrue(Names.targetNameProblem("x".repeat(251)).isPresent());
        assertEquals(Optional.of("contains `.` and a space"), Names.targetNameProblem("a. b"));
    }

    @Test
    void operatorNames() {
        assertEquals(Optional.empty(), Names.operatorNameProblem("a".repeat(45)));
        assertEquals(Optional.of("has 46 characters"), Names.operatorNameProblem("a".repeat(46)));
        assertEquals(Optional.of("starts with `1`, not a letter, and has 50 characters"), Names.operatorNameProblem("1" + "a".repeat(49)));
    }

    @Test
    void suggestedNames() {
        assertEquals(Optional.of("orders-v2"), Names.dnsLabelLike("Orders_V2"));
        assertEquals(Optional.empty(), Names.dnsLabelLike("___"));
        assertEquals(Optional.empty(), Names.dnsLabelLike("ok"));
    }

    @Test
    void kubernetesNamespaceGlobs() {
        assertTrue(outerFenceAllows(null, "anything"));
        assertTrue(outerFenceAllows(List.of(), "anything"));
        assertTrue(outerFenceAllows(List.of("*"), "anything"));
        assertTrue(outerFenceAllows(List.of("flink-*"), "flink-prod"));
        assertTrue(outerFenceAllows(List.of("flink-*"), "flink-"));
        assertFalse(outerFenceAllows(List.of("flink-*"), "team-flink-prod"));
        assertTrue(outerFenceAllows(List.of("*-flink-*"), "team-flink-prod"));
        assertTrue(outerFenceAllows(List.of("a*b*c"), "abc"));
        assertFalse(outerFenceAllows(List.of("a.c"), "abc"));
        assertFalse(outerFenceAllows(List.of("analytics"), "analytics-dev"));
    }

    /** The outer fence (`policy.allowedKubernetesNamespaces`) with these patterns. */
    private static boolean outerFenceAllows(List<String> patterns, String namespace) {
        return io.flinkops.policy.Fences.of(new io.flinkops.model.RepositorySpec(null, null, new io.flinkops.model.RepositorySpec.Policy(
                patterns, null, null, null, null, null, null, null, null, null), null, null, null)).outerAllows(namespace);
    }
}
