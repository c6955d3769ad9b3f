package org.opence.plugins.textfeed;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.opence.plugin.api.Capability;
import org.opence.plugin.api.Choice;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.ValidationResult;
import org.opence.plugin.api.cte.CtePlugin;
import org.opence.plugin.api.cte.Indicator;

/**
 * Pulls a plain-text list of indicators over HTTP(S): one per line, {@code #} starts a comment, the
 * first word of a line is the value. Uses the feed's ETag so an unchanged list is not parsed again.
 */
public class TextFeedPlugin implements CtePlugin {

    static final String ETAG = "etag";

    @Override
    public PluginManifest manifest() {
        return new PluginManifest(
                "text-feed",
                "Plain-text threat feed",
                "1.0.0",
                ModuleType.CTE,
                "Pulls a text list of hashes, IP addresses, domains or URLs (one a line) from an HTTP(S) address.",
                "0.1.0",
                Set.of(Capability.PULL),
                null,
                List.of(
                        ConfigField.text("url", "Feed URL")
                                .required()
                                .placeholder("https://feeds.example.org/bad-domains.txt")
                                .help("An http:// or https:// address that answers with a text list."),
                        ConfigField.text("authHeader", "Authentication header")
                                .placeholder("Authorization")
                                .help("Name of the header that carries the secret, if the feed needs one."),
                        ConfigField.password("authValue", "Authentication value")
                                .help("The header's value, e.g. 'Bearer …'. Stored encrypted."),
                        ConfigField.choice(
                                        "type",
                                        "Indicator type",
                                        Choice.of("auto", "Detect per line"),
                                        Choice.of("md5", "MD5"),
                                        Choice.of("sha256", "SHA-256"),
                                        Choice.of("ipv4", "IPv4"),
                                        Choice.of("ipv6", "IPv6"),
                                        Choice.of("domain", "Domain"),
                                        Choice.of("url", "URL"))
                                .withDefault("auto"),
                        ConfigField.choice(
                                        "severity",
                                        "Severity",
                                        Choice.of("unknown", "Unknown"),
                                        Choice.of("low", "Low"),
                                        Choice.of("medium", "Medium"),
                                        Choice.of("high", "High"),
                                        Choice.of("critical", "Critical"))
                                .withDefault("medium"),
                        ConfigField.number("reputation", "Reputation (1 worst to 10 best)")
                                .withDefault(5)),
                List.of(),
                List.of());
    }

    @Override
    public ValidationResult validate(PluginContext context) {
        String url = context.string("url");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return ValidationResult.invalid("url", "must be an http:// or https:// address");
        }
        long reputation = context.number("reputation", 5);
        if (reputation < 1 || reputation > 10) {
            return ValidationResult.invalid("reputation", "must be 1 to 10");
        }
        boolean header = context.string("authHeader") != null
                && !context.string("authHeader").isBlank();
        boolean value = context.string("authValue") != null
                && !context.string("authValue").isBlank();
        if (header != value) {
            return ValidationResult.invalid(
                    header ? "authValue" : "authHeader", "give both the header name and its value, or neither");
        }
        return ValidationResult.ok();
    }

    @Override
    public List<Indicator> pull(PluginContext context) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(context.string("url"))).GET();
        String header = context.string("authHeader");
        if (header != null && !header.isBlank()) {
            request.header(header, context.string("authValue"));
        }
        context.storage().get(ETAG).ifPresent(tag -> request.header("If-None-Match", tag));
        HttpResponse<String> response = context.http().send(request.build());
        int status = response.statusCode();
        if (status == 304) {
            context.logger().info("The feed has not changed since the last pull.");
            return List.of();
        }
        if (status == 401 || status == 403) {
            context.logger()
                    .error(
                            "The feed refused the credentials.",
                            "TEXTFEED-" + status,
                            "HTTP " + status + " from " + context.string("url"),
                            "Check the authentication header and value of this configuration.");
            throw new IllegalStateException("the feed answered HTTP " + status + " (credentials refused)");
        }
        if (status != 200) {
            throw new IllegalStateException("the feed answered HTTP " + status);
        }
        ListParser.Result parsed = new ListParser(
                        context.string("type"), context.string("severity"), (int) context.number("reputation", 5))
                .parse(response.body());
        if (parsed.skipped() > 0) {
            context.logger()
                    .warn(parsed.skipped() + " line(s) of the feed are not indicators of the chosen type and were"
                            + " skipped; first: '" + parsed.firstSkipped() + "'.");
        }
        response.headers()
                .firstValue("ETag")
                .ifPresentOrElse(tag -> context.storage().put(ETAG, tag), () -> context.storage()
                        .remove(ETAG));
        return parsed.indicators();
    }
}
