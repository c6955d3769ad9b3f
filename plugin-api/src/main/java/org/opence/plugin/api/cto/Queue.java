package org.opence.plugin.api.cto;

/**
 * Where tickets go in the destination system (a Jira project, a ServiceNow table, a Slack channel).
 *
 * @param value the destination's identifier
 * @param label shown to the user
 */
public record Queue(String value, String label) {}
