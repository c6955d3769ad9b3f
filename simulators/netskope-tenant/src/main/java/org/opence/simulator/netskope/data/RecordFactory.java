package org.opence.simulator.netskope.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.opence.simulator.netskope.data.Population.App;
import org.opence.simulator.netskope.data.Population.User;

/**
 * Builds record {@code n} of a stream from the seed alone, so two simulators with the same seed hand out
 * the same records and a resent page is byte-for-byte the page sent before.
 */
public final class RecordFactory {

    /** 64-bit ids start above 2^53, so a consumer that parses them as doubles visibly breaks. */
    private static final long BIG_ID_FLOOR = (1L << 53) + 1;

    private static final String[] ACCESS = {"Client", "Reverse Proxy", "API Connector", "Secure Forwarder"};
    private static final String[] ACTIVITIES = {
        "Upload", "Download", "Share", "View", "Login Successful", "Edit", "Delete"
    };
    private static final String[] POLICIES = {
        "Block uploads to unsanctioned storage",
        "DLP - PCI to personal instances",
        "Allow corporate SaaS",
        "Coach on Generative AI",
        "Block high-risk categories"
    };
    private static final String[] SEVERITIES = {"low", "medium", "high", "critical"};
    private static final String[] FILE_TYPES = {
        "application/pdf", "application/zip", "application/x-dosexec", "text/plain"
    };
    private static final String[] MALWARE = {
        "Gen:Variant.Razy.918273", "Trojan.GenericKD.4612", "W97M.Downloader.ABC", "Ransom.LockBit.B", "Emotet.Doc.1"
    };
    private static final String[] MALWARE_TYPES = {"Trojan", "Ransomware", "Downloader", "Worm", "Spyware"};
    private static final String[] MALSITE_CATEGORIES = {
        "Phishing", "Malware Distribution", "Command and Control", "Spam"
    };
    private static final String[] BAD_DOMAINS = {
        "login-secure-update.com",
        "cdn-files-share.net",
        "invoice-docs.info",
        "micros0ft-support.org",
        "paypa1-verify.co"
    };
    private static final String[] DLP_PROFILES = {"PCI-DSS", "PII-US", "HIPAA", "Source Code", "GDPR"};
    private static final String[] UBA_NAMES = {
        "Data exfiltration", "Bulk download", "Risky country login", "Shared credentials", "Proximity violation"
    };

    private final long seed;
    private final Population population;

    public RecordFactory(long seed, Population population) {
        this.seed = seed;
        this.population = population;
    }

    public Map<String, Object> create(StreamKey stream, long n, long timestamp) {
        long streamHash = mix(seed ^ stream.id().hashCode() * 0x9E3779B97F4A7C15L);
        SplittableRandom random = new SplittableRandom(mix(streamHash ^ mix(n + 1)));
        User user = population.user(random);
        App app = population.app(random);

        Map<String, Object> r = new LinkedHashMap<>(64); // ~40 fields: no resizing
        // unique per stream and record: the stream hash prefix plus a bijective mix of n
        r.put("_id", hex(streamHash >>> 32, 8) + hex(mix(n ^ streamHash), 16));
        r.put("timestamp", timestamp);
        r.put("type", eventType(stream));
        if (stream.family() == StreamKey.Family.ALERTS) {
            r.put("alert", "yes");
            r.put("alert_type", StreamKey.ALERT_TYPE_NAMES.get(stream.name()));
        }
        r.put("user", user.email());
        r.put("userkey", user.email());
        r.put("ur_normalized", user.email());
        r.put("organization_unit", user.organizationUnit());
        r.put("srcip", user.ip());
        r.put("dstip", publicIp(random));
        r.put("hostname", user.hostname());
        r.put("os", user.os());
        r.put("browser", user.browser());
        r.put("device", user.device());
        r.put("access_method", ACCESS[random.nextInt(ACCESS.length)]);
        r.put("app", app.name());
        r.put("appcategory", app.category());
        r.put("ccl", app.ccl());
        r.put("cci", app.cci());
        r.put("site", app.name().split(" ")[0]);
        r.put("url", app.host() + "/" + path(random));
        r.put("activity", ACTIVITIES[random.nextInt(ACTIVITIES.length)]);
        r.put("transaction_id", bigId(random));
        r.put("app_session_id", bigId(random));
        r.put("connection_id", bigId(random));
        r.put("request_id", bigId(random));
        addTypeFields(stream, r, random, app);
        return r;
    }

    private static String eventType(StreamKey stream) {
        if (stream.family() == StreamKey.Family.EVENTS) {
            return stream.name().equals("alert") ? "nspolicy" : stream.name();
        }
        return switch (stream.name()) {
            case "uba" -> "anomaly";
            case "compromisedcredential" -> "Compromised Credential";
            case "securityassessment" -> "Security Assessment";
            case "watchlist" -> "watchlist";
            default -> "nspolicy";
        };
    }

    private void addTypeFields(StreamKey stream, Map<String, Object> r, SplittableRandom random, App app) {
        switch (stream.name()) {
            case "malware" -> {
                String name = MALWARE[random.nextInt(MALWARE.length)];
                r.put("alert_name", name);
                r.put("malware_name", name);
                r.put("malware_type", MALWARE_TYPES[random.nextInt(MALWARE_TYPES.length)]);
                r.put("malware_id", hex(random, 32));
                r.put("md5", hex(random, 32));
                r.put("sha256", hex(random, 64));
                r.put("severity", SEVERITIES[1 + random.nextInt(3)]);
                addFile(r, random);
                r.put("action", random.nextBoolean() ? "block" : "alert");
            }
            case "malsite" -> {
                String domain = BAD_DOMAINS[random.nextInt(BAD_DOMAINS.length)];
                String url = "http://" + subdomain(random) + domain + "/" + path(random);
                r.put("alert_name", "Malicious site access: " + domain);
                r.put("url", url);
                r.put("site", domain);
                r.put("hostname", subdomain(random) + domain);
                r.put("malsite_category", MALSITE_CATEGORIES[random.nextInt(MALSITE_CATEGORIES.length)]);
                r.put("malsite_id", hex(random, 24));
                r.put("severity", SEVERITIES[1 + random.nextInt(3)]);
                r.put("action", "block");
            }
            case "dlp" -> {
                String profile = DLP_PROFILES[random.nextInt(DLP_PROFILES.length)];
                r.put("alert_name", "DLP: " + profile);
                r.put("dlp_profile", profile);
                r.put("dlp_rule", profile + " rule " + (1 + random.nextInt(5)));
                r.put("dlp_incident_id", bigId(random));
                r.put("incident_id", bigId(random));
                r.put("severity", SEVERITIES[random.nextInt(SEVERITIES.length)]);
                addFile(r, random);
                addPolicy(r, random);
            }
            case "compromisedcredential" -> {
                r.put("alert_name", "Compromised credential detected");
                r.put("breach_id", hex(random, 24));
                r.put("breach_date", (Long) r.get("timestamp") - random.nextLong(86_400L * 400));
                r.put("breach_score", random.nextInt(1, 101));
                r.put("matched_username", r.get("user"));
            }
            case "uba" -> {
                r.put("alert_name", UBA_NAMES[random.nextInt(UBA_NAMES.length)]);
                r.put("risk_level", SEVERITIES[random.nextInt(SEVERITIES.length)]);
                r.put("severity", r.get("risk_level"));
                r.put("ur_score", random.nextInt(0, 1001));
            }
            case "securityassessment" -> {
                r.put("alert_name", "Public bucket in " + app.name());
                r.put("sa_profile_name", "CIS Benchmark");
                r.put("sa_rule_severity", SEVERITIES[random.nextInt(SEVERITIES.length)]);
                r.put("resource_category", "Storage");
            }
            case "network", "connection" -> {
                r.put("dstport", new int[] {443, 80, 22, 3389, 8443}[random.nextInt(5)]);
                r.put("protocol", random.nextInt(4) == 0 ? "UDP" : "TCP");
                r.put("numbytes", random.nextLong(200, 50_000_000));
                r.put("network_session_id", bigId(random));
                addPolicy(r, random);
            }
            case "page" -> {
                r.put("numbytes", random.nextLong(500, 5_000_000));
                r.put("req_cnt", random.nextInt(1, 40));
                r.put("resp_cnt", random.nextInt(1, 40));
                r.put("page_duration", random.nextInt(1, 600));
            }
            case "audit" -> {
                r.put("audit_log_event", random.nextBoolean() ? "Edit Policy" : "Admin Login Successful");
                r.put("supporting_data", Map.of("data_type", "policy", "data_values", new String[] {"policy-1"}));
            }
            case "incident" -> {
                r.put("incident_id", bigId(random));
                r.put("object", "incident-" + random.nextInt(100_000));
                r.put("status", random.nextBoolean() ? "new" : "in_progress");
            }
            case "infrastructure" -> {
                r.put("alarm_name", "Publisher connection lost");
                r.put("device_name", "publisher-" + random.nextInt(1, 6));
                r.put("severity", SEVERITIES[random.nextInt(SEVERITIES.length)]);
            }
            default -> {
                if (stream.family() == StreamKey.Family.ALERTS || stream.name().equals("alert")) {
                    r.putIfAbsent("alert_name", "Policy alert: " + POLICIES[random.nextInt(POLICIES.length)]);
                    r.put("severity", SEVERITIES[random.nextInt(SEVERITIES.length)]);
                    addPolicy(r, random);
                    if (random.nextBoolean()) {
                        addFile(r, random);
                    }
                }
            }
        }
    }

    private static void addPolicy(Map<String, Object> r, SplittableRandom random) {
        r.put("policy", POLICIES[random.nextInt(POLICIES.length)]);
        r.putIfAbsent("action", random.nextInt(3) == 0 ? "block" : "allow");
    }

    private static void addFile(Map<String, Object> r, SplittableRandom random) {
        String type = FILE_TYPES[random.nextInt(FILE_TYPES.length)];
        String ext =
                type.endsWith("pdf") ? "pdf" : type.endsWith("zip") ? "zip" : type.endsWith("dosexec") ? "exe" : "txt";
        r.put("file_name", "document_" + random.nextInt(10_000) + "." + ext);
        r.put("file_type", type);
        r.put("file_size", random.nextLong(1_000, 20_000_000));
        r.putIfAbsent("md5", hex(random, 32));
        r.putIfAbsent("sha256", hex(random, 64));
    }

    private static long bigId(SplittableRandom random) {
        return random.nextLong(BIG_ID_FLOOR, Long.MAX_VALUE);
    }

    private static String hex(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(hex(random.nextLong(), 16));
        }
        return sb.substring(0, length);
    }

    private static String publicIp(SplittableRandom random) {
        return random.nextInt(11, 223) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + random.nextInt(1, 255);
    }

    private static String subdomain(SplittableRandom random) {
        return random.nextBoolean() ? "" : new String[] {"www.", "secure.", "files.", "docs."}[random.nextInt(4)];
    }

    private static String path(SplittableRandom random) {
        return new String[] {"download", "share", "login", "files/view", "api/upload", "invoice.php"}[random.nextInt(6)]
                + "?id=" + Long.toHexString(random.nextLong() >>> 20);
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The low {@code digits} hex digits of {@code value}, zero-padded (as {@code %0<digits>x}, without its cost). */
    static String hex(long value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }
}
