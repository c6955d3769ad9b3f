package org.opence.mapping;

import java.util.List;
import java.util.Objects;

/**
 * The six variable CEF header fields ({@code CEF:0|Device Vendor|Device Product|Device Version|Device
 * Event Class ID|Name|Severity|}). Severity is normalised when written (see {@code CefSeverity}).
 */
public record CefHeader(
        FieldSpec deviceVendor,
        FieldSpec deviceProduct,
        FieldSpec deviceVersion,
        FieldSpec deviceEventClassId,
        FieldSpec name,
        FieldSpec severity) {

    /** The JSON keys of the header, in the order they are written. */
    public static final List<String> KEYS =
            List.of("deviceVendor", "deviceProduct", "deviceVersion", "deviceEventClassId", "name", "severity");

    public CefHeader {
        Objects.requireNonNull(deviceVendor, "deviceVendor");
        Objects.requireNonNull(deviceProduct, "deviceProduct");
        Objects.requireNonNull(deviceVersion, "deviceVersion");
        Objects.requireNonNull(deviceEventClassId, "deviceEventClassId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
    }

    /** The fields in the order of {@link #KEYS}. */
    public List<FieldSpec> inOrder() {
        return List.of(deviceVendor, deviceProduct, deviceVersion, deviceEventClassId, name, severity);
    }
}
