package org.opence.tenant.netskope;

import java.util.Date;

import org.bson.Document;

/**
 * A tenant as it travels on {@code ce.events} for core-service's ingest: the tokens are the
 * ciphertext exactly as stored (AES-GCM under the master key the services share), never plain text.
 *
 * @param name how Open CE calls the tenant
 * @param baseUrl the tenant's URL, e.g. {@code https://acme.goskope.com}
 * @param v1Token the stored ciphertext of the v1 token, or {@code null}
 * @param v2Token the stored ciphertext of the v2 token, or {@code null}
 * @param initialRangeDays history pulled on the first pull
 * @param useSystemProxy whether calls to the tenant go through the proxy of the settings
 * @param updatedAt when the tenant was last changed, ISO-8601 (e.g. {@code 2026-05-01T10:15:30.123Z})
 */
public record TenantRecord(
        String name,
        String baseUrl,
        String v1Token,
        String v2Token,
        int initialRangeDays,
        boolean useSystemProxy,
        String updatedAt) {

    /** The record of a stored tenant document; the tokens are copied, not decrypted. */
    static TenantRecord of(Document d) {
        Date updated = d.getDate("updatedAt");
        return new TenantRecord(
                d.getString("name"),
                d.getString("baseUrl"),
                d.getString("v1Token"),
                d.getString("v2Token"),
                d.getInteger("initialRangeDays", 7),
                d.getBoolean("useSystemProxy", false),
                updated == null ? null : updated.toInstant().toString());
    }
}
