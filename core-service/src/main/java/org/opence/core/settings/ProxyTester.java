package org.opence.core.settings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.config.CeConfig;
import org.opence.common.error.Problem;
import org.opence.common.error.ProblemException;
import org.opence.common.plugin.NetworkSettings;
import org.opence.common.plugin.OutboundErrors;
import org.opence.common.plugin.OutboundHttp;
import org.opence.common.plugin.PlatformHttpClient;
import org.opence.common.secret.Secrets;
import org.opence.common.settings.PlatformSettings;

/**
 * "Test proxy" of Settings > General: one request to a site through the proxy and TLS choices of a form
 * that need not be saved yet, made by the platform's outbound client exactly as plugins and tenants
 * would make it. Any HTTP answer from the site means the proxy carried the call; a refusal names the
 * proxy and says why (credentials, a tunnel it will not open, cannot be reached).
 */
@ApplicationScoped
public class ProxyTester {

    /** What to test: the proxy and TLS of the form (a masked or left-out password is the stored one). */
    public record Form(PlatformSettings.Proxy proxy, PlatformSettings.OutboundTls tls, String url) {}

    /** @param status the site's HTTP answer, null when none came */
    public record Result(boolean ok, String proxy, String url, Integer status, String message) {}

    private final SettingsService settings;
    private final CeConfig config;
    private final Secrets secrets;
    private final OutboundHttp outbound;

    public ProxyTester(SettingsService settings, CeConfig config, Secrets secrets, OutboundHttp outbound) {
        this.settings = settings;
        this.config = config;
        this.secrets = secrets;
        this.outbound = outbound;
    }

    public Result test(Form form) {
        PlatformSettings stored = settings.stored();
        List<Problem.FieldError> errors = new ArrayList<>();
        URI url = url(form.url(), errors);
        if (form.proxy() == null) {
            errors.add(new Problem.FieldError("proxy", "is required: the proxy to test"));
        } else if (!form.proxy().enabled()) {
            errors.add(new Problem.FieldError("proxy.enabled", "must be true: turn the proxy on to test it"));
        }
        PlatformSettings.OutboundTls tls = form.tls() == null ? stored.tls() : form.tls();
        PlatformSettings candidate = null;
        if (form.proxy() != null) {
            PlatformSettings.Proxy p = form.proxy();
            candidate = new PlatformSettings(
                    stored.modules(), p, tls, null, stored.retention(), stored.updateCheck(), null, null);
            errors.addAll(SettingsService.validate(candidate));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.Invalid.of(errors);
        }
        PlatformSettings.Proxy p = form.proxy();
        // as the settings would store it: a masked or left-out password is the stored one, "" none
        String password = settings.storedPassword(p, stored);
        PlatformSettings tried = new PlatformSettings(
                stored.modules(),
                new PlatformSettings.Proxy(true, "http", p.host(), p.port(), blank(p.username()), password),
                tls,
                null,
                stored.retention(),
                stored.updateCheck(),
                null,
                null);
        NetworkSettings network = NetworkSettings.resolve(tried, config, secrets);
        PlatformHttpClient client = outbound.clientFor(network, OutboundHttp.Profile.CHECKS);
        String proxy = client.proxy().orElse(p.host() + ":" + p.port());
        try {
            HttpResponse<Void> answer =
                    client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding());
            return new Result(
                    true,
                    proxy,
                    url.toString(),
                    answer.statusCode(),
                    "The proxy " + proxy + " carried the call: " + url.getHost() + " answered HTTP "
                            + answer.statusCode() + ".");
        } catch (IOException e) {
            String words = OutboundErrors.describe(e, url, client.proxy());
            return new Result(
                    false,
                    proxy,
                    url.toString(),
                    null,
                    Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while testing the proxy", e);
        }
    }

    private static URI url(String text, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new Problem.FieldError(
                    "url", "is required: an http:// or https:// address to reach, e.g. https://www.netskope.com"));
            return null;
        }
        if (text.length() > 2048) {
            errors.add(new Problem.FieldError("url", "must be at most 2048 characters"));
            return null;
        }
        try {
            URI uri = URI.create(text.trim());
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                errors.add(new Problem.FieldError(
                        "url", "must be an http:// or https:// address with a host and no user info"));
                return null;
            }
            return uri;
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("url", "is not a valid address: " + e.getMessage()));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
