package org.opence.plugins.webhook;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.List;

import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.PluginHttpClient;

/**
 * The request validation sends when a configuration is saved ({@code testOnSave}), and the field to
 * blame for its answer.
 */
final class Probe {

    private Probe() {}

    /** The problem with the receiver's answer, or null when it is fine. */
    static FieldProblem check(PluginHttpClient http, WebhookSettings settings) throws InterruptedException {
        HttpRequest request =
                switch (settings.testOnSave()) {
                    case NONE -> null;
                    case HEAD -> Requests.head(settings);
                    case EMPTY_BATCH ->
                        Requests.batch(
                                settings, settings.bodyShape().frame(null, null).write(List.of()));
                };
        if (request == null) {
            return null;
        }
        Answer answer;
        try {
            answer = Answer.of(http.send(request, Snippet.handler()), request.method());
        } catch (IOException e) {
            return new FieldProblem(WebhookSettings.URL, Problems.describe(e, settings.url(), settings.timeout()));
        }
        return settings.testOnSave() == WebhookSettings.TestOnSave.HEAD
                ? head(answer, settings)
                : emptyBatch(answer, settings);
    }

    private static FieldProblem head(Answer answer, WebhookSettings settings) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            return refusedCredentials(answer, settings);
        }
        if (status == 407 || answer.location() != null) {
            return new FieldProblem(WebhookSettings.URL, answer.describe(settings));
        }
        return null;
    }

    private static FieldProblem emptyBatch(Answer answer, WebhookSettings settings) {
        int status = answer.status();
        String describe = answer.describe(settings);
        return switch (answer.verdict(settings.successCodes())) {
            case SUCCESS -> null;
            case CONFIGURATION ->
                status == 401 || status == 403
                        ? refusedCredentials(answer, settings)
                        : new FieldProblem(WebhookSettings.URL, describe);
            case RETRY -> new FieldProblem(WebhookSettings.URL, "the receiver is not available: " + describe);
            default -> {
                if (status / 100 == 2) {
                    yield new FieldProblem(
                            WebhookSettings.SUCCESS_CODES,
                            "the receiver answered an empty batch with " + describe
                                    + "; add that code here if it means success");
                }
                if (status == 404) {
                    yield new FieldProblem(WebhookSettings.URL, describe + " (check the path)");
                }
                if (status == 405) {
                    yield new FieldProblem(
                            WebhookSettings.METHOD,
                            describe + ": the receiver does not take " + settings.method() + " at this URL");
                }
                yield new FieldProblem(
                        WebhookSettings.TEST_ON_SAVE,
                        "the receiver refused an empty batch (" + describe + "); if it never takes empty"
                                + " batches, choose head or none here");
            }
        };
    }

    private static FieldProblem refusedCredentials(Answer answer, WebhookSettings settings) {
        Auth.Type type = settings.auth().type();
        String message = type == Auth.Type.NONE
                ? answer.describe(settings) + "; choose bearer, basic or header and give the credentials"
                : answer.describe(settings);
        return new FieldProblem(type.field, message);
    }
}
