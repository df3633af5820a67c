package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Savepoint's spec (docs/day-2.md): without a location a request to take a savepoint now, with one a savepoint that
 * exists. What the Savepoint belongs to and when it was asked for are metadata ({@link #DEPLOYMENT_NAME},
 * {@link #CREATED_AT}); the plan stage reads them ({@code plan.SavepointRecord}).
 *
 * @param savepointLocation the URI of an existing savepoint; null for a request
 * @param formatType        CANONICAL or NATIVE; null for the default (CANONICAL)
 * @param flinkSavepointId  VVP's; informational
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavepointSpec(String savepointLocation, String formatType, String flinkSavepointId) {
    public static final String CANONICAL = "CANONICAL";
    public static final String NATIVE = "NATIVE";

    public static final FieldPath DEPLOYMENT_NAME = FieldPath.of("metadata", "deploymentName");
    public static final FieldPath CREATED_AT = FieldPath.of("metadata", "createdAt");
    public static final FieldPath ANNOTATIONS = FieldPath.of("metadata", "annotations");
    public static final FieldPath SAVEPOINT_LOCATION = DocumentFields.SPEC.child("savepointLocation");
    public static final FieldPath FORMAT_TYPE = DocumentFields.SPEC.child("formatType");

    public String formatTypeOrDefault() {
        return formatType == null ? CANONICAL : formatType;
    }
}
