package org.opence.plugins.webhook;

import org.opence.plugin.api.PluginLogger;

/** What a push tells the Logging page: one line per kind of trouble, never a secret. */
final class DeliveryLog {

    private DeliveryLog() {}

    static void write(PluginLogger logger, WebhookSettings settings, Delivery delivery, int count) {
        if (delivery.tooLarge() > 0) {
            logger.warn("The receiver refused " + delivery.tooLarge() + " request(s) as too large (HTTP 413); they"
                    + " were split and sent again. Requests of " + delivery.byteLimit() + " bytes or less avoid"
                    + " that: lower maxBatchBytes (now " + settings.maxBatchBytes() + ").");
        }
        if (!delivery.refused().isEmpty()) {
            logger.error(
                    "The webhook receiver refused " + delivery.refused().size() + " of " + count + " records.",
                    "WEBHOOK-REFUSED",
                    "first: record " + delivery.refused().get(0).index() + " "
                            + delivery.refused().get(0).reason(),
                    delivery.stop() == null
                            ? "The records are parked with the answer; fix the mapping or the receiver and send"
                                    + " them again."
                            : "They are retried with the rest of the push and parked if refused again.");
        }
        Delivery.Stop stop = delivery.stop();
        if (stop == null) {
            return;
        }
        switch (stop.code()) {
            case "WEBHOOK-AUTH" ->
                logger.error(
                        "The webhook receiver refused the credentials.",
                        stop.code(),
                        stop.reason(),
                        "Fix authType and its fields; the records are kept and sent again.");
            case "WEBHOOK-REDIRECT" ->
                logger.error(
                        "The webhook URL redirects.",
                        stop.code(),
                        stop.reason(),
                        "Put the final URL into url; the records are kept and sent again.");
            case "WEBHOOK-CONNECT" ->
                logger.error(
                        "Cannot reach the webhook receiver.",
                        stop.code(),
                        stop.reason(),
                        "Check the URL, the network and the receiver; the records are kept and sent again,"
                                + " some may arrive twice.");
            default ->
                logger.error(
                        "The webhook receiver is not available.",
                        stop.code(),
                        stop.reason(),
                        "The records are kept and sent again later; some may arrive twice.");
        }
    }
}
