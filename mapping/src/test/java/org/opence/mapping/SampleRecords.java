package org.opence.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Realistic Netskope records of every alert subtype and event type, built the way the API returns them. */
public final class SampleRecords {

    /** Above 2^53: a reader that goes through a double turns it into ...992. */
    public static final long BIG_ID = 9007199254740993L;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleRecords() {}

    public static ObjectNode of(DataType type, String subtype) {
        ObjectNode r = common(type, subtype);
        if (type == DataType.ALERTS) {
            alertFields(r, subtype);
        } else {
            eventFields(r, subtype);
        }
        return r;
    }

    private static ObjectNode common(DataType type, String subtype) {
        ObjectNode r = NODES.objectNode();
        r.put("_id", "f3b2c1d0e9a8b7c6d5e4f3a2");
        r.put("timestamp", 1_717_000_000L);
        r.put("type", type == DataType.EVENTS ? subtype : "nspolicy");
        r.put("user", "jürgen.müller@example.com");
        r.put("userkey", "jürgen.müller@example.com");
        r.put("organization_unit", "Finance/EMEA");
        r.put("srcip", "10.20.30.40");
        r.put("dstip", "2001:0db8:0000:0000:0000:0000:0000:0001");
        r.put("hostname", "LAPTOP-7F3K2");
        r.put("os", "Windows 11");
        r.put("browser", "Chrome");
        r.put("device", "Windows Device");
        r.put("access_method", "Client");
        r.put("app", "Box");
        r.put("appcategory", "Cloud Storage");
        r.put("ccl", "high");
        r.put("cci", 81);
        r.put("site", "Box");
        r.put("url", "app.box.com/files/view?id=123&x=a=b|c");
        r.put("activity", "Upload");
        r.put("policy", "Block uploads | personal \\ instances");
        r.put("action", "block");
        r.put("transaction_id", BIG_ID);
        r.put("app_session_id", "9223372036854775807");
        r.put("connection_id", BIG_ID + 2);
        return r;
    }

    private static void alertFields(ObjectNode r, String subtype) {
        r.put("alert", "yes");
        r.put("alert_type", subtype);
        r.put("alert_name", "Alert: " + subtype);
        r.put("severity", "high");
        switch (subtype) {
            case "malware" -> {
                r.put("malware_name", "Trojan.GenericKD.4612");
                r.put("malware_type", "Trojan");
                r.put("malware_id", "a1b2c3d4e5f60718293a4b5c6d7e8f90");
                file(r);
            }
            case "dlp" -> {
                r.put("dlp_profile", "PCI-DSS");
                r.put("dlp_rule", "PCI-DSS rule 2");
                r.put("incident_id", BIG_ID + 4);
                file(r);
            }
            case "compromisedcredential" -> {
                r.put("breach_id", "b7c6d5e4f3a2b1c0d9e8f7a6");
                r.put("breach_date", 1_690_000_000L);
                r.put("breach_score", 87);
                r.put("matched_username", "jmueller");
                r.remove("severity");
            }
            case "malsite" -> {
                r.put("malsite_category", "Phishing");
                r.put("malsite_id", "c0ffee00c0ffee00c0ffee00");
                r.put("site", "login-secure-update.com");
            }
            case "uba" -> {
                r.put("risk_level", "critical");
                r.put("severity", "critical");
                r.put("ur_score", 312);
            }
            case "securityassessment" -> {
                r.put("sa_profile_name", "CIS Benchmark");
                r.put("sa_rule_severity", "medium");
                r.put("resource_category", "Storage");
                r.remove("severity");
            }
            case "policy", "quarantine", "remediation", "content" -> file(r);
            default -> {}
        }
    }

    private static void eventFields(ObjectNode r, String type) {
        switch (type) {
            case "network", "connection" -> {
                r.put("dstport", 443);
                r.put("protocol", "TCP");
                r.put("numbytes", 123_456_789L);
                r.put("network_session_id", BIG_ID + 6);
            }
            case "page" -> {
                r.put("numbytes", 52_000);
                r.put("page_duration", 42);
            }
            case "audit" -> {
                r.put("audit_log_event", "Edit Policy");
                ObjectNode supporting = r.putObject("supporting_data");
                supporting.put("data_type", "policy");
                supporting.putArray("data_values").add("policy-1").add("policy-2");
            }
            case "incident" -> {
                r.put("incident_id", BIG_ID + 8);
                r.put("object", "incident-4711");
                r.put("status", "new");
                r.put("severity", "medium");
            }
            case "infrastructure" -> {
                r.put("alarm_name", "Publisher connection lost");
                r.put("device_name", "publisher-3");
                r.put("severity", "low");
            }
            case "alert" -> {
                r.put("alert_type", "policy");
                r.put("alert_name", "Policy alert: Block high-risk categories");
                r.put("severity", "medium");
                file(r);
            }
            default -> {}
        }
    }

    private static void file(ObjectNode r) {
        r.put("file_name", "Quartalsbericht Q3 – final.pdf");
        r.put("file_type", "application/pdf");
        r.put("file_size", 1_234_567);
        r.put("md5", "9e107d9d372bb6826bd81d3542a419d6");
        r.put("sha256", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
    }
}
