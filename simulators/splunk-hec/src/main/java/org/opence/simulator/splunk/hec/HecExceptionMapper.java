package org.opence.simulator.splunk.hec;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes every {@link HecException} as HEC does: its HTTP status and the JSON status body. */
@Provider
public class HecExceptionMapper implements ExceptionMapper<HecException> {

    @Override
    public Response toResponse(HecException e) {
        return Response.status(e.httpStatus())
                .type(MediaType.APPLICATION_JSON)
                .entity(e.body())
                .build();
    }
}
