package io.flinkops.validate.rules.podsecurity;

import java.util.Locale;

/** The Pod Security Standards levels; each includes the checks of the ones before. */
enum Level {
    PRIVILEGED, BASELINE, RESTRICTED;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Level of(String value) {
        for (Level l : values()) {
            if (l.id().equals(value)) return l;
        }
        return BASELINE; // the schema allows only the three names; the default is baseline
    }

    /** Whether a check that applies from {@code minimum} on runs at this level. */
    boolean includes(Level minimum) {
        return compareTo(minimum) >= 0;
    }

    /** ", which Pod Security level `baseline` forbids": a message's verdict on a value that is there. */
    String forbids() {
        return ", which Pod Security level `" + id() + "` forbids";
    }

    /** ", which Pod Security level `restricted` requires": a message's verdict on a setting that is missing. */
    String requires() {
        return ", which Pod Security level `" + id() + "` requires";
    }

    /** " that Pod Security level `baseline` allows": after a set of allowed values. */
    String allows() {
        return " that Pod Security level `" + id() + "` allows";
    }
}
