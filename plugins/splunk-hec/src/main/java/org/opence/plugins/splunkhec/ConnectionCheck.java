package org.opence.plugins.splunkhec;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.opence.plugin.api.ValidationResult;

/**
 * Checks a configuration against the collector without indexing anything: the health endpoint (is
 * there a HEC at this URL?), an empty event request (Splunk answers 400 "No data" to a valid token and
 * 401/403 otherwise), and with acknowledgement on an acknowledgement query (is it on for the token?).
 * Each problem is reported on the field to change. A busy collector is not a problem of the
 * configuration and passes.
 */
final class ConnectionCheck {

    private final HecClient client;
    private final HecSettings settings;

    ConnectionCheck(HecClient client, HecSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    ValidationResult run() throws InterruptedException {
        try {
            ValidationResult health = health(client.health());
            if (!health.valid()) {
                return health;
            }
            // A channel of its own, so the check never takes an acknowledgement a push waits for.
            String channel = settings.useAck() ? UUID.randomUUID().toString() : null;
            ValidationResult token = token(client.probeToken(channel));
            if (!token.valid() || channel == null) {
                return token;
            }
            return acknowledgement(client.queryAcks(List.of(0L), channel).answer());
        } catch (IOException e) {
            return ValidationResult.invalid(HecSettings.URL, Failures.describe(e, settings.url()));
        }
    }

    private ValidationResult health(HecAnswer answer) {
        if (answer.status() == 200 && answer.code() != null || answer.status() == 503) {
            return ValidationResult.ok();
        }
        if (answer.hasCode(HecAnswer.HEALTH_INVALID_TOKEN)) {
            return invalidToken(answer, "health check");
        }
        if (answer.hasCode(HecAnswer.HEALTH_TOKEN_DISABLED)) {
            return disabledToken(answer, "health check");
        }
        if (answer.status() == 401 || answer.status() == 403) {
            return tokenRefused(answer, "health check");
        }
        return ValidationResult.invalid(
                HecSettings.URL,
                "there is no HTTP Event Collector at " + settings.url() + ": GET "
                        + settings.healthUri().getPath()
                        + " answered " + answer.describe() + ". Check the host and the port: HEC listens on 8088 by"
                        + " default (8089 is splunkd's management port, 8000 Splunk Web)");
    }

    private ValidationResult token(HecAnswer answer) {
        if (answer.hasCode(HecAnswer.NO_DATA) || answer.success() || answer.status() == 503) {
            return ValidationResult.ok();
        }
        if (answer.hasCode(HecAnswer.TOKEN_DISABLED)) {
            return disabledToken(answer, "token check");
        }
        if (answer.status() == 403 && answer.hasCode(4)) {
            return invalidToken(answer, "token check");
        }
        if (answer.status() == 401 || answer.status() == 403) {
            return tokenRefused(answer, "token check");
        }
        if (answer.hasCode(HecAnswer.CHANNEL_MISSING)) {
            return ValidationResult.invalid(
                    HecSettings.USE_ACK,
                    "the token has indexer acknowledgement turned on in Splunk (" + answer.describe() + "): turn"
                            + " this on, or acknowledgement off on the token");
        }
        return ValidationResult.invalid(
                HecSettings.URL,
                "the collector at " + settings.url() + " answered an empty event request with " + answer.describe()
                        + " instead of 400 \"No data\"; is it a Splunk HTTP Event Collector?");
    }

    private ValidationResult acknowledgement(HecAnswer answer) {
        if (answer.status() == 200 || answer.status() == 503) {
            return ValidationResult.ok();
        }
        if (answer.hasCode(HecAnswer.ACK_DISABLED)) {
            return ValidationResult.invalid(
                    HecSettings.USE_ACK,
                    "the token has indexer acknowledgement turned off in Splunk (" + answer.describe() + "): turn"
                            + " this off, or acknowledgement on for the token");
        }
        return ValidationResult.invalid(HecSettings.USE_ACK, "the acknowledgement query answered " + answer.describe());
    }

    private static ValidationResult invalidToken(HecAnswer answer, String check) {
        return ValidationResult.invalid(
                HecSettings.TOKEN,
                "Splunk does not know this HEC token (" + check + ": " + answer.describe() + "): copy the token"
                        + " value from Settings > Data inputs > HTTP Event Collector");
    }

    private static ValidationResult disabledToken(HecAnswer answer, String check) {
        return ValidationResult.invalid(
                HecSettings.TOKEN,
                "this HEC token is disabled in Splunk (" + check + ": " + answer.describe() + "): enable it under"
                        + " Settings > Data inputs > HTTP Event Collector");
    }

    private static ValidationResult tokenRefused(HecAnswer answer, String check) {
        return ValidationResult.invalid(
                HecSettings.TOKEN, "Splunk refused this HEC token (" + check + ": " + answer.describe() + ")");
    }
}
