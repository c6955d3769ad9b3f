package org.opence.tenant.auth;

import java.util.Optional;

import org.bson.Document;
import org.opence.tenant.user.User;

/** What signing in and out needs from single sign-on, without depending on how it works. */
public interface SsoSessions {

    /**
     * Asks the identity provider again whether the user of an SSO session still has access.
     *
     * @return the role the user has now
     * @throws org.opence.common.error.ProblemException.Unauthorized when the user has no access any
     *     more (the session is ended)
     */
    String recheck(SessionService.Refreshed session, User user);

    /** Where the browser goes to end the identity provider's session too, if it offers that. */
    Optional<String> logoutUrl(Document session);
}
