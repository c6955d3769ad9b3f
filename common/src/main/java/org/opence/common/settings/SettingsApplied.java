package org.opence.common.settings;

/** CDI event in every service when new settings arrived; {@code previous} is null the first time. */
public record SettingsApplied(PlatformSettings previous, PlatformSettings current) {}
