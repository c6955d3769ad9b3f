package org.opence.common.settings;

/** Event types of the settings on {@code ce.events}. */
public final class SettingsEvents {

    /** core-service publishes the whole settings (payload: {@link PlatformSettings}). */
    public static final String CHANGED = "settings.changed";
    /** A service that starts asks core-service to publish them again. */
    public static final String REQUEST = "settings.request";

    private SettingsEvents() {}
}
