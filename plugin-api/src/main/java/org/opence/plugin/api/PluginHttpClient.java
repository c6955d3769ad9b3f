package org.opence.plugin.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The only way a plugin should call out. It applies the proxy of the settings (when the configuration
 * uses it), the TLS validation choice, connect and read timeouts, the Open CE user agent, and retries
 * 429 and 503 answers after their {@code Retry-After} (bounded). Other answers are returned as they
 * are: the plugin decides what a 4xx means.
 */
public interface PluginHttpClient {

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException;

    default HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }
}
