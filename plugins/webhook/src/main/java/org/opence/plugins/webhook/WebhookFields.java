package org.opence.plugins.webhook;

import java.util.List;

import org.opence.plugin.api.Choice;
import org.opence.plugin.api.ConfigField;

import static org.opence.plugins.webhook.WebhookSettings.AUTH_TYPE;
import static org.opence.plugins.webhook.WebhookSettings.BODY_SHAPE;
import static org.opence.plugins.webhook.WebhookSettings.GZIP;
import static org.opence.plugins.webhook.WebhookSettings.HEADERS;
import static org.opence.plugins.webhook.WebhookSettings.HEADER_NAME;
import static org.opence.plugins.webhook.WebhookSettings.HEADER_VALUE;
import static org.opence.plugins.webhook.WebhookSettings.MAX_BATCH_BYTES;
import static org.opence.plugins.webhook.WebhookSettings.MAX_RECORDS;
import static org.opence.plugins.webhook.WebhookSettings.METHOD;
import static org.opence.plugins.webhook.WebhookSettings.PASSWORD;
import static org.opence.plugins.webhook.WebhookSettings.SUCCESS_CODES;
import static org.opence.plugins.webhook.WebhookSettings.TEST_ON_SAVE;
import static org.opence.plugins.webhook.WebhookSettings.TIMEOUT_SECONDS;
import static org.opence.plugins.webhook.WebhookSettings.TOKEN;
import static org.opence.plugins.webhook.WebhookSettings.URL;
import static org.opence.plugins.webhook.WebhookSettings.USERNAME;

/** The configuration form of the webhook destination. */
final class WebhookFields {

    private WebhookFields() {}

    static List<ConfigField> all() {
        return List.of(
                ConfigField.text(URL, "URL")
                        .required()
                        .placeholder("https://collector.example.com/ingest")
                        .help("http:// or https:// address the batches are sent to. The platform's proxy and"
                                + " TLS settings apply."),
                ConfigField.choice(METHOD, "Method", Choice.of("POST", "POST"), Choice.of("PUT", "PUT"))
                        .withDefault("POST"),
                ConfigField.choice(
                                AUTH_TYPE,
                                "Authentication",
                                Choice.of("none", "None"),
                                Choice.of("bearer", "Bearer token"),
                                Choice.of("basic", "Basic (user name and password)"),
                                Choice.of("header", "Custom header"))
                        .withDefault("none"),
                ConfigField.password(TOKEN, "Bearer token")
                        .help("Sent as 'Authorization: Bearer <token>' when Authentication is Bearer token."),
                ConfigField.text(USERNAME, "User name").help("For Basic authentication; no ':'."),
                ConfigField.password(PASSWORD, "Password").help("For Basic authentication."),
                ConfigField.text(HEADER_NAME, "Authentication header name")
                        .placeholder("X-Api-Key")
                        .help("For Custom header authentication."),
                ConfigField.password(HEADER_VALUE, "Authentication header value")
                        .help("For Custom header authentication; kept secret."),
                ConfigField.textarea(HEADERS, "Extra headers")
                        .placeholder("X-Source: opence\nX-Tenant: acme")
                        .help("One 'Name: value' per line, sent with every request; lines starting with # are"
                                + " ignored. Not secret: put keys into the authentication fields."),
                ConfigField.choice(
                                BODY_SHAPE,
                                "Body",
                                Choice.of(BodyShape.ARRAY.key, "JSON array of records"),
                                Choice.of(BodyShape.NDJSON.key, "NDJSON (one record per line)"),
                                Choice.of(
                                        BodyShape.ENVELOPE.key,
                                        "Envelope {\"records\": [...], \"dataType\", \"subType\"}"))
                        .withDefault(BodyShape.ARRAY.key)
                        .help("JSON records are embedded as objects, CEF and LEEF lines as JSON strings."),
                ConfigField.bool(GZIP, "Compress with gzip")
                        .withDefault(false)
                        .help("Sends 'Content-Encoding: gzip'; the receiver must accept it."),
                ConfigField.number(MAX_BATCH_BYTES, "Maximum request size (bytes)")
                        .withDefault(WebhookSettings.DEFAULT_MAX_BATCH_BYTES)
                        .help("Of the body before compression; a push is split into several requests under"
                                + " it. 1024 to 104857600."),
                ConfigField.number(MAX_RECORDS, "Maximum records per request")
                        .withDefault(WebhookSettings.DEFAULT_MAX_RECORDS)
                        .help("1 to " + WebhookSettings.MAX_RECORDS_LIMIT + "."),
                ConfigField.text(SUCCESS_CODES, "Success status codes")
                        .withDefault(WebhookSettings.DEFAULT_SUCCESS_CODES)
                        .placeholder("200,202,204-206")
                        .help("Answers that mean the receiver took the records: codes and ranges, separated by"
                                + " commas."),
                ConfigField.number(TIMEOUT_SECONDS, "Request timeout (seconds)")
                        .withDefault(WebhookSettings.DEFAULT_TIMEOUT_SECONDS)
                        .help("1 to " + WebhookSettings.MAX_TIMEOUT_SECONDS
                                + "; a request without an answer by then is sent again later."),
                ConfigField.choice(
                                TEST_ON_SAVE,
                                "Test on save",
                                Choice.of(WebhookSettings.TestOnSave.EMPTY_BATCH.key, "Send an empty batch"),
                                Choice.of(WebhookSettings.TestOnSave.HEAD.key, "Send a HEAD request"),
                                Choice.of(WebhookSettings.TestOnSave.NONE.key, "Only check the fields"))
                        .withDefault(WebhookSettings.TestOnSave.EMPTY_BATCH.key)
                        .help("An empty batch checks URL, credentials and success codes; choose HEAD or none"
                                + " for receivers that refuse empty batches."));
    }
}
