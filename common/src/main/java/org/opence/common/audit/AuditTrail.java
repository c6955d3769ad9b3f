package org.opence.common.audit;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.secret.Secrets;
import org.opence.common.security.ClientAddresses;
import org.opence.common.security.TokenClaims;
import org.opence.common.status.ServiceIdentity;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Writes who changed what, when and from where, with before and after (secrets masked), by publishing
 * {@code audit.<action>} on {@code ce.events}; core-service stores the entries. If the broker does not
 * confirm, the entry is written to the service log in full so it is not lost.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final ServiceIdentity identity;
    private final Instance<SecurityIdentity> caller;
    private final Instance<CurrentVertxRequest> request;
    private final ClientAddresses addresses;

    public AuditTrail(
            RabbitBus bus,
            ObjectMapper mapper,
            ServiceIdentity identity,
            Instance<SecurityIdentity> caller,
            Instance<CurrentVertxRequest> request,
            ClientAddresses addresses) {
        this.addresses = addresses;
        this.bus = bus;
        this.mapper = mapper;
        this.identity = identity;
        this.caller = caller;
        this.request = request;
    }

    /** Records a change made in the current request; {@code before}/{@code after} may be null. */
    public void record(String action, String target, Object before, Object after) {
        String actor = "system";
        String role = null;
        try {
            SecurityIdentity who = caller.get();
            if (!who.isAnonymous()) {
                actor = who.getPrincipal().getName();
                if (who.getPrincipal() instanceof JsonWebToken jwt) {
                    role = jwt.getClaim(TokenClaims.ROLE);
                }
            }
        } catch (RuntimeException e) {
            // outside a request: a system action
        }
        String from = null;
        String requestId = null;
        try {
            var ctx = request.get().getCurrent();
            if (ctx != null) {
                from = addresses.of(ctx.request());
                requestId = ctx.request().getHeader("X-Request-Id");
            }
        } catch (RuntimeException e) {
            // outside a request
        }
        record(actor, role, from, requestId, action, target, before, after);
    }

    /** Records a change on behalf of a known actor (e.g. a sign-in step, where the token is the old one). */
    public void record(
            String actor,
            String role,
            String from,
            String requestId,
            String action,
            String target,
            Object before,
            Object after) {
        AuditEntry entry = new AuditEntry(
                UUID.randomUUID().toString(),
                Instant.now(),
                action,
                target,
                actor,
                role,
                from,
                requestId,
                identity.name(),
                before == null ? null : Secrets.mask(mapper.valueToTree(before)),
                after == null ? null : Secrets.mask(mapper.valueToTree(after)));
        String key = AuditEntry.EVENT_PREFIX + action;
        try {
            bus.publish(
                            BusNames.EVENTS,
                            key,
                            Envelope.of(key, 1, identity.name(), mapper.valueToTree(entry)),
                            true,
                            null)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.errorf(
                    "Audit entry not confirmed by the broker (%s); keeping it here: %s",
                    e.getMessage(), mapper.valueToTree(entry));
        }
    }
}
