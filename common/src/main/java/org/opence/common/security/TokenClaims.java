package org.opence.common.security;

/** Names of the claims Open CE puts into its access tokens beyond the standard ones. */
public final class TokenClaims {

    /** Issuer of every access token. */
    public static final String ISSUER = "open-cloud-exchange";
    /** Session id: logout and revocation end every token of the session. */
    public static final String SESSION = "sid";
    /** The user's role (without the implied ones, which are in {@code groups}). */
    public static final String ROLE = "role";
    /**
     * Steps the user must finish before the token is good for anything else, e.g.
     * {@code ["eula", "password"]} on the first login with the default password.
     */
    public static final String PENDING = "pending";
    /** How the session was opened: {@code password}, {@code api-token} or {@code sso}. */
    public static final String AUTH_METHOD = "amr";
    /**
     * base64url(SHA-256) of the session's CSRF token: the gateway accepts a cookie-authenticated change
     * only with the token whose hash this is, so a CSRF token is bound to its session.
     */
    public static final String CSRF = "csrf";

    private TokenClaims() {}
}
