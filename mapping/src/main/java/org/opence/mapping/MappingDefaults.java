package org.opence.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The read-only mapping files shipped with Open CE, read from
 * {@code org/opence/mapping/defaults/<name>.json} once:
 *
 * <ul>
 *   <li>{@code default-cef}: syslog CEF for every alert subtype and event type;
 *   <li>{@code default-leef}: LEEF 2.0 for QRadar, for every alert subtype and event type;
 *   <li>{@code default-json}: every field of every record as JSON;
 *   <li>{@code splunk}: JSON with Splunk CIM-style field names for the HTTP Event Collector;
 *   <li>{@code sentinel}: JSON with column-friendly names for Microsoft Sentinel / Log Analytics.
 * </ul>
 */
public final class MappingDefaults {

    /** The names of the shipped files, in the order {@link #all()} returns them. */
    public static final List<String> NAMES =
            List.of("default-cef", "default-leef", "default-json", "splunk", "sentinel");

    private static final String FOLDER = "/org/opence/mapping/defaults/";

    private MappingDefaults() {}

    /** Every shipped file; a broken resource fails here, as it is a build defect. */
    public static List<MappingFile> all() {
        return Holder.ALL;
    }

    /** The shipped file called {@code name}. */
    public static Optional<MappingFile> get(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static final class Holder {
        static final List<MappingFile> ALL =
                NAMES.stream().map(MappingDefaults::load).toList();
    }

    private static MappingFile load(String name) {
        try (InputStream in = MappingDefaults.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("shipped mapping file " + name + " is missing");
            }
            MappingFile file = MappingFile.parse(in.readAllBytes());
            if (!file.readOnly() || !file.name().equals(name)) {
                throw new IllegalStateException("shipped mapping file " + name + " must be read-only and named so");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
