package org.opence.simulator.netskope.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The v1 error body: {@code {"status":"error","errorCode":...,"errors":[...]}}. */
public final class V1Errors {

    private V1Errors() {}

    public static Map<String, Object> body(String code, String... errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorCode", code);
        body.put("errors", List.of(errors));
        return body;
    }
}
