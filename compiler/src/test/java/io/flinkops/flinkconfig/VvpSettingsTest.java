package io.flinkops.flinkconfig;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VvpSettingsTest {

    @Test
    void translatesVvpHaToTheKeyAndValueTheFlinkVersionReads() {
        assertEquals(Map.entry("high-availability.type", "kubernetes"), VvpSettings.kubernetesHa("1.20"));
        assertEquals(Map.entry("high-availability.type", "kubernetes"), VvpSettings.kubernetesHa("2.0"));
        assertEquals(Map.entry("high-availability.type", "kubernetes"), VvpSettings.kubernetesHa("1.17"));
        assertEquals(Map.entry("high-availability", "kubernetes"), VvpSettings.kubernetesHa("1.16"));
        assertEquals(Map.entry("high-availability", VvpSettings.KUBERNETES_HA_FACTORY), VvpSettings.kubernetesHa("1.15"));
        assertEquals(Map.entry("high-availability.type", "kubernetes"), VvpSettings.kubernetesHa(null));
    }

    @Test
    void replacesTheVvpKeyInAnEmittedConfiguration() {
        TreeMap<String, String> config = new TreeMap<>(Map.of("high-availability", " VVP-Kubernetes ", "a", "b"));
        VvpSettings.translate(config, "1.20");
        assertEquals(Map.of("high-availability.type", "kubernetes", "a", "b"), config);

        TreeMap<String, String> both = new TreeMap<>(Map.of("high-availability", "vvp-kubernetes", "high-availability.type", "zookeeper"));
        VvpSettings.translate(both, "1.20");
        assertEquals(Map.of("high-availability.type", "zookeeper"), both, "the user's own key stays (FO403 reports the clash)");

        TreeMap<String, String> none = new TreeMap<>(Map.of("high-availability.type", "kubernetes"));
        VvpSettings.translate(none, "1.20");
        assertEquals(Map.of("high-availability.type", "kubernetes"), none);
    }

    @Test
    void findsVvpFileSystemUris() {
        assertTrue(VvpSettings.VVP_FILE_SYSTEM.matcher("wiaz://c@a.blob.core.windows.net/x").find());
        assertTrue(VvpSettings.VVP_FILE_SYSTEM.matcher("WIAZ://c@a/x").find());
        assertFalse(VvpSettings.VVP_FILE_SYSTEM.matcher("abfss://c@a.dfs.core.windows.net/x").find());
        assertFalse(VvpSettings.VVP_FILE_SYSTEM.matcher("s3://bucket/wiaz/x").find());
    }
}
