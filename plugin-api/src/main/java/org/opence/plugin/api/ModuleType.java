package org.opence.plugin.api;

/** The four modules of Open CE; a plugin belongs to exactly one. */
public enum ModuleType {
    /** Threat Exchange: indicators in, indicators out. */
    CTE,
    /** Ticket Orchestrator: alerts to tickets and notifications. */
    CTO,
    /** Risk Exchange: risk scores of users, devices and applications, and actions on them. */
    CRE,
    /** Log Shipper: alerts and events to SIEMs. */
    CLS
}
