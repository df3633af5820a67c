package io.flinkops.validate.rules;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which hosts of a session job's jar FO612 judges: those written as addresses (and localhost); names are never resolved. */
class SessionJarRulesTest {

    @Test
    void addressesAreJudgedAsTheOperatorJudgesWhatTheyResolveTo() {
        assertEquals(Optional.of("a loopback address"), SessionJarRules.restriction("localhost"));
        assertEquals(Optional.of("a loopback address"), SessionJarRules.restriction("127.0.0.1"));
        assertEquals(Optional.of("a loopback address"), SessionJarRules.restriction("[::1]"));
        assertEquals(Optional.of("a link-local address"), SessionJarRules.restriction("169.254.169.254"));
        assertEquals(Optional.of("a private (site-local) address"), SessionJarRules.restriction("10.0.0.1"));
        assertEquals(Optional.of("a private (site-local) address"), SessionJarRules.restriction("192.168.1.1"));
        assertEquals(Optional.of("the wildcard address"), SessionJarRules.restriction("0.0.0.0"));
        assertEquals(Optional.of("a multicast address"), SessionJarRules.restriction("224.0.0.1"));
        assertEquals(Optional.empty(), SessionJarRules.restriction("8.8.8.8"));
    }

    @Test
    void namesAndNonAddressesAreNotResolved() {
        assertEquals(Optional.empty(), SessionJarRules.restriction("artifacts.example.com"));
        assertEquals(Optional.empty(), SessionJarRules.restriction("999.1.1.1"));
        assertEquals(Optional.empty(), SessionJarRules.restriction("10.0.0"));
    }
}
