package org.opence.plugins.webhook;

import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * What the receiver answered to one request, and what that means for its records.
 *
 * @param status the final status code
 * @param snippet the start of the body, one line
 * @param location the {@code Location} header of a redirect that was not followed, or null
 * @param changedMethod when the HTTP client followed a redirect that turned the method into another
 *     (301/302 for POST, 303): the redirect's status and target; the records were not delivered
 */
record Answer(int status, String snippet, String location, String changedMethod) {

    /** What an answer means for the records of its request. */
    enum Verdict {
        /** Taken: a configured success code. */
        SUCCESS,
        /** 413: split the request and send the halves. */
        TOO_LARGE,
        /** 408, 429, 5xx: may pass later; send again. */
        RETRY,
        /**
         * 401, 403, 407, and redirects: the configuration is wrong, not the records; they are kept and sent
         * again once it is fixed rather than parked.
         */
        CONFIGURATION,
        /** Any other answer: the receiver refused these records; they are parked with the answer. */
        REFUSED
    }

    static Answer of(HttpResponse<String> response, String method) {
        Optional<HttpResponse<String>> previous = response.previousResponse();
        String changed = previous.isPresent() && !response.request().method().equalsIgnoreCase(method)
                ? "HTTP " + previous.get().statusCode() + " to " + Requests.endpoint(response.uri()) + " turned the "
                        + method + " into a " + response.request().method()
                : null;
        String location = response.statusCode() / 100 == 3
                ? response.headers().firstValue("Location").orElse("(no Location header)")
                : null;
        return new Answer(response.statusCode(), response.body() == null ? "" : response.body(), location, changed);
    }

    Verdict verdict(StatusCodes success) {
        if (changedMethod != null) {
            return Verdict.CONFIGURATION;
        }
        if (success.contains(status)) {
            return Verdict.SUCCESS;
        }
        if (status == 413) {
            return Verdict.TOO_LARGE;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.RETRY;
        }
        if (status == 401 || status == 403 || status == 407 || status / 100 == 3) {
            return Verdict.CONFIGURATION;
        }
        return Verdict.REFUSED;
    }

    /** {@code HTTP 400 from https://host/path: <body>}, with what it means where that helps. */
    String describe(WebhookSettings settings) {
        String from = "HTTP " + status + " from " + Requests.endpoint(settings.url());
        String body = snippet.isEmpty() ? "" : ": " + snippet;
        if (changedMethod != null) {
            return "the URL redirects (" + changedMethod + "), so the records were not delivered; put the final URL"
                    + " into url";
        }
        if (status == 401 || status == 403) {
            return from
                    + (settings.auth().present()
                            ? ": the receiver refused " + settings.auth().type().credentials
                            : ": the receiver requires authentication")
                    + body;
        }
        if (status == 407) {
            return from + ": the proxy requires authentication (platform proxy settings)" + body;
        }
        if (location != null) {
            return from + ": the URL redirects to " + location + "; put the final URL into url";
        }
        if (!settings.successCodes().contains(status) && status / 100 == 2) {
            return from + ", which is not among the success codes " + settings.successCodes() + body;
        }
        return from + body;
    }
}
