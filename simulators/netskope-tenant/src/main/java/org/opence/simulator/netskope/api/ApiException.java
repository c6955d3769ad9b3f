package org.opence.simulator.netskope.api;

import java.util.Map;

/** A refusal the simulated tenant answers with a given status, JSON body and extra headers. */
public class ApiException extends RuntimeException {

    private final int status;
    private final Object body;
    private final Map<String, String> headers;

    public ApiException(int status, Object body, Map<String, String> headers) {
        super(String.valueOf(body));
        this.status = status;
        this.body = body;
        this.headers = headers;
    }

    /** The v2 error shape: {@code {"message": ...}}. */
    public static ApiException v2(int status, String message) {
        return new ApiException(status, Map.of("message", message), Map.of());
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
