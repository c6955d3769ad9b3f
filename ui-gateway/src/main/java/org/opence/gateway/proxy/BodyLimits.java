package org.opence.gateway.proxy;

import org.opence.gateway.GatewayConfig;

import io.vertx.core.http.HttpMethod;

/** The largest body a request may carry: plugin uploads have their own, larger limit. */
final class BodyLimits {

    private final long general;
    private final long upload;

    BodyLimits(GatewayConfig config) {
        this.general = config.maxRequestBytes();
        this.upload = config.maxUploadBytes();
    }

    long limitFor(HttpMethod method, String path) {
        return method == HttpMethod.POST && path.equals("/api/plugins") ? upload : general;
    }

    /** 2097152 as "2 MiB", 1024 as "1 KiB", 1000 as "1000 bytes". */
    static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
