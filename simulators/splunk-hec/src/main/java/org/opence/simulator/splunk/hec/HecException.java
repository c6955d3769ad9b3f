package org.opence.simulator.splunk.hec;

/**
 * A refusal answered with an HTTP status and a HEC status body; {@code invalid-event-number} is the
 * zero-based position of the refused event in the request, when one event is to blame.
 */
public class HecException extends RuntimeException {

    private final int httpStatus;
    private final HecResponse body;
    private final String outcome;

    private HecException(int httpStatus, HecResponse body, String outcome) {
        super(body.text());
        this.httpStatus = httpStatus;
        this.body = body;
        this.outcome = outcome;
    }

    public HecException(HecCode code) {
        this(code, null);
    }

    public HecException(HecCode code, Integer invalidEventNumber) {
        this(code.httpStatus(), new HecResponse(code.text(), code.code(), invalidEventNumber, null), code.outcome());
    }

    /**
     * A body above {@code max_content_length}. HEC documents no status code for it, so the body carries
     * the HTTP status as its code: a client can never mistake it for code 0.
     */
    public static HecException tooLarge(long length, long max) {
        return new HecException(
                413,
                new HecResponse("Content-Length of " + length + " too large (maximum is " + max + ")", 413, null, null),
                "too-large");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public HecResponse body() {
        return body;
    }

    /** The name the statistics count this refusal under, e.g. {@code invalid-token}, {@code too-large}. */
    public String outcome() {
        return outcome;
    }
}
